package com.pveams.adapters.persistence.ippool;

import com.pveams.application.port.out.ippool.IpPoolRepository;
import com.pveams.domain.ippool.AddressRange;
import com.pveams.domain.ippool.AddressStatus;
import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.ippool.PoolAddress;
import com.pveams.domain.ippool.PoolUsage;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.network.IpNetwork;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain SQL over {@code ip_pool} and {@code ip_address} (V2). Addresses are PostgreSQL {@code inet}: they travel
 * as text ({@code host(…)} out, {@code CAST(? AS inet)} in) and are parsed back into domain values, so no entity
 * mapping of {@code inet} is needed and the address arithmetic of bulk inserts stays in the database.
 */
@ApplicationScoped
public class IpPoolPersistenceAdapter implements IpPoolRepository {
    /** First key of the node's advisory lock, so it cannot collide with other users of two-key advisory locks. */
    static final int NODE_ADDRESS_LOCK = 0x1F0001;

    /**
     * Lists {@code first + 0 .. first + span} but {@code skip}, in one statement: a /16 is one INSERT of 65,533 rows
     * computed by {@code generate_series} and {@code inet + bigint}, not 65,533 round trips. No MAC is drawn here:
     * a random one per row cost a third of the insert, and the VM's NIC MAC is recorded when it is allocated.
     */
    public static final String INSERT_RANGE = """
            INSERT INTO ip_address (pool_id, node_id, ip_version, address)
            SELECT ?1, ?2, ?3, a.address
            FROM (SELECT CAST(?4 AS inet) + g AS address FROM generate_series(0::bigint, ?5) AS g) a
            WHERE a.address <> CAST(?6 AS inet)""";

    private static final String POOL_COLUMNS =
            "p.id, p.node_id, p.name, p.ip_version, p.prefix_length, host(p.gateway), host(p.dns1), host(p.dns2), p.nat";

    private final EntityManager em;

    @Inject
    public IpPoolPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public void lockNode(long nodeId) {
        // (class, node) two-key form; node ids beyond 2^31 wrap, which only makes two nodes share a lock
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1, ?2)) AS l")
                .setParameter(1, NODE_ADDRESS_LOCK).setParameter(2, (int) nodeId).getSingleResult();
    }

    @Override
    public Optional<IpPool> insertIfNameFree(IpPool pool) {
        @SuppressWarnings("unchecked")
        List<Number> id = em.createNativeQuery("""
                        INSERT INTO ip_pool (node_id, name, ip_version, prefix_length, gateway, dns1, dns2, nat)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS inet), CAST(?6 AS inet), CAST(?7 AS inet), ?8)
                        ON CONFLICT ON CONSTRAINT uq_ip_pool_node_name DO NOTHING
                        RETURNING id""")
                .setParameter(1, pool.nodeId()).setParameter(2, pool.name()).setParameter(3, (short) pool.version())
                .setParameter(4, (short) pool.prefixLength()).setParameter(5, pool.gateway().toString())
                .setParameter(6, text(pool.dns1())).setParameter(7, text(pool.dns2())).setParameter(8, pool.nat())
                .getResultList();
        return id.stream().findFirst().flatMap(i -> findById(i.longValue()));
    }

    @Override
    public Optional<IpPool> findById(long id) {
        return onePool("SELECT " + POOL_COLUMNS + " FROM ip_pool p WHERE p.id = ?1", id);
    }

    @Override
    public Optional<IpPool> findByIdForUpdate(long id) {
        return onePool("SELECT " + POOL_COLUMNS + " FROM ip_pool p WHERE p.id = ?1 FOR UPDATE", id);
    }

    private Optional<IpPool> onePool(String sql, long id) {
        return pools(em.createNativeQuery(sql).setParameter(1, id)).stream().findFirst();
    }

    @Override
    public boolean nameTaken(long nodeId, String name, long exceptPoolId) {
        return !em.createNativeQuery("SELECT 1 FROM ip_pool WHERE node_id = ?1 AND name = ?2 AND id <> ?3")
                .setParameter(1, nodeId).setParameter(2, name).setParameter(3, exceptPoolId).getResultList().isEmpty();
    }

    @Override
    public Optional<IpPool> overlapping(long nodeId, IpNetwork network) {
        return pools(em.createNativeQuery("SELECT " + POOL_COLUMNS + """
                         FROM ip_pool p
                        WHERE p.node_id = ?1 AND p.ip_version = ?2 AND NOT (p.ip_version = 4 AND p.prefix_length = 32)
                          AND network(set_masklen(p.gateway, p.prefix_length)) && CAST(?3 AS cidr)
                        ORDER BY p.id LIMIT 1""")
                .setParameter(1, nodeId).setParameter(2, (short) network.version()).setParameter(3, network.toString()))
                .stream().findFirst();
    }

    @Override
    public Optional<Listed> firstListed(long nodeId, IpAddress from, IpAddress to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT host(a.address), p.id, p.name FROM ip_address a JOIN ip_pool p ON p.id = a.pool_id
                        WHERE a.node_id = ?1 AND a.address BETWEEN CAST(?2 AS inet) AND CAST(?3 AS inet)
                          AND family(a.address) = ?4
                        ORDER BY a.address LIMIT 1""")
                .setParameter(1, nodeId).setParameter(2, from.toString()).setParameter(3, to.toString())
                .setParameter(4, from.version()).getResultList();
        return rows.stream().findFirst().map(r -> new Listed(IpAddress.parse((String) r[0], "address"),
                ((Number) r[1]).longValue(), (String) r[2]));
    }

    @Override
    public long insertAddresses(IpPool pool, AddressRange range) {
        return em.createNativeQuery(INSERT_RANGE)
                .setParameter(1, pool.id()).setParameter(2, pool.nodeId()).setParameter(3, (short) pool.version())
                .setParameter(4, range.first().toString()).setParameter(5, range.span())
                .setParameter(6, range.skip().toString())
                .executeUpdate();
    }

    @Override
    public void update(IpPool pool) {
        em.createNativeQuery("""
                        UPDATE ip_pool SET name = ?2, gateway = CAST(?3 AS inet), dns1 = CAST(?4 AS inet),
                               dns2 = CAST(?5 AS inet), updated_at = now()
                        WHERE id = ?1""")
                .setParameter(1, pool.id()).setParameter(2, pool.name()).setParameter(3, pool.gateway().toString())
                .setParameter(4, text(pool.dns1())).setParameter(5, text(pool.dns2())).executeUpdate();
    }

    private static final String ADDRESS_COLUMNS = "a.id, a.pool_id, host(a.address), a.status, v.vmid";
    private static final String ADDRESS_FROM = " FROM ip_address a LEFT JOIN vm v ON v.id = a.vm_id ";

    @Override
    public Optional<PoolAddress> findAddress(long poolId, IpAddress address) {
        return addresses(em.createNativeQuery("SELECT " + ADDRESS_COLUMNS + ADDRESS_FROM
                        + "WHERE a.pool_id = ?1 AND a.address = CAST(?2 AS inet)")
                .setParameter(1, poolId).setParameter(2, address.toString())).stream().findFirst();
    }

    @Override
    public List<PoolAddress> findAddressesForUpdate(Collection<Long> ids) {
        return addresses(em.createNativeQuery("SELECT " + ADDRESS_COLUMNS + ADDRESS_FROM
                        + "WHERE a.id = ANY(CAST(?1 AS bigint[])) ORDER BY a.id FOR UPDATE OF a")
                .setParameter(1, array(ids)));
    }

    @Override
    public void setStatus(Collection<PoolAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        String ids = array(addresses.stream().map(PoolAddress::id).toList());
        String statuses = array(addresses.stream().map(a -> a.status().code()).toList());
        em.createNativeQuery("""
                        UPDATE ip_address a SET status = s.status, updated_at = now()
                        FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS smallint[])) AS s(id, status)
                        WHERE a.id = s.id AND a.status <> s.status""")
                .setParameter(1, ids).setParameter(2, statuses).executeUpdate();
    }

    @Override
    public void setStatus(long poolId, IpAddress address, AddressStatus status) {
        em.createNativeQuery("""
                        UPDATE ip_address SET status = ?3, updated_at = now()
                        WHERE pool_id = ?1 AND address = CAST(?2 AS inet) AND vm_id IS NULL""")
                .setParameter(1, poolId).setParameter(2, address.toString()).setParameter(3, (short) status.code())
                .executeUpdate();
    }

    @Override
    public Map<Long, PoolUsage> usage(Collection<Long> poolIds) {
        Map<Long, PoolUsage> usage = new HashMap<>();
        if (poolIds.isEmpty()) {
            return usage;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT pool_id, count(*) FILTER (WHERE status = 0), count(*) FILTER (WHERE status = 1),
                               count(*) FILTER (WHERE status = 2), count(*) FILTER (WHERE status = 3)
                        FROM ip_address WHERE pool_id = ANY(CAST(?1 AS bigint[])) GROUP BY pool_id""")
                .setParameter(1, array(poolIds)).getResultList();
        for (Object[] r : rows) {
            usage.put(((Number) r[0]).longValue(), new PoolUsage(((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue()));
        }
        return usage;
    }

    @Override
    public Page<IpPool> page(PageRequest request) {
        List<IpPool> rows = pools(em.createNativeQuery("SELECT " + POOL_COLUMNS
                        + " FROM ip_pool p ORDER BY p.id LIMIT ?1 OFFSET ?2")
                .setParameter(1, request.size()).setParameter(2, request.offset()));
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM ip_pool").getSingleResult()).longValue();
        return new Page<>(rows, total, request.page(), request.size());
    }

    @Override
    public Page<PoolAddress> addresses(long poolId, PageRequest request) {
        List<PoolAddress> rows = addresses(em.createNativeQuery("SELECT " + ADDRESS_COLUMNS + ADDRESS_FROM
                        + "WHERE a.pool_id = ?1 ORDER BY a.address LIMIT ?2 OFFSET ?3")
                .setParameter(1, poolId).setParameter(2, request.size()).setParameter(3, request.offset()));
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM ip_address WHERE pool_id = ?1")
                .setParameter(1, poolId).getSingleResult()).longValue();
        return new Page<>(rows, total, request.page(), request.size());
    }

    @Override
    public boolean hasHeldAddresses(long poolId) {
        return !em.createNativeQuery("SELECT 1 FROM ip_address WHERE pool_id = ?1 AND vm_id IS NOT NULL LIMIT 1")
                .setParameter(1, poolId).getResultList().isEmpty();
    }

    @Override
    public boolean deleteWithAddresses(long poolId) {
        em.createNativeQuery("DELETE FROM ip_address WHERE pool_id = ?1 AND vm_id IS NULL")
                .setParameter(1, poolId).executeUpdate();
        // an allocation that took an address while we waited for its row leaves it behind: refuse, roll back
        if (!em.createNativeQuery("SELECT 1 FROM ip_address WHERE pool_id = ?1 LIMIT 1")
                .setParameter(1, poolId).getResultList().isEmpty()) {
            return false;
        }
        return em.createNativeQuery("DELETE FROM ip_pool WHERE id = ?1").setParameter(1, poolId).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    private static List<IpPool> pools(Query q) {
        return ((List<Object[]>) q.getResultList()).stream().map(IpPoolPersistenceAdapter::toPool).toList();
    }

    private static IpPool toPool(Object[] r) {
        IpAddress gateway = IpAddress.parse((String) r[5], "gateway");
        return new IpPool(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                IpNetwork.containing(gateway, ((Number) r[4]).intValue()), gateway,
                IpAddress.parseOptional((String) r[6], "dns1"), IpAddress.parseOptional((String) r[7], "dns2"),
                (Boolean) r[8]);
    }

    @SuppressWarnings("unchecked")
    private static List<PoolAddress> addresses(Query q) {
        return ((List<Object[]>) q.getResultList()).stream().map(r -> new PoolAddress(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), IpAddress.parse((String) r[2], "address"),
                AddressStatus.of(((Number) r[3]).intValue(), "status"),
                r[4] == null ? null : ((Number) r[4]).longValue())).toList();
    }

    /** A nullable text parameter, typed so that a null still casts to {@code inet}. */
    private static TypedParameterValue<String> text(Object o) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, o == null ? null : o.toString());
    }

    /** A PostgreSQL array literal of numbers, cast in the SQL ({@code CAST(?1 AS bigint[])}). */
    private static String array(Collection<? extends Number> values) {
        StringBuilder sb = new StringBuilder("{");
        for (Number v : values) {
            sb.append(sb.length() > 1 ? "," : "").append(v.longValue());
        }
        return sb.append('}').toString();
    }
}
