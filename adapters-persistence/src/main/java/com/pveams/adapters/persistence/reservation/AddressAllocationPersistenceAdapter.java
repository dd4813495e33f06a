package com.pveams.adapters.persistence.reservation;

import com.pveams.adapters.persistence.ippool.IpPoolPersistenceAdapter;
import com.pveams.application.port.out.reservation.AddressAllocationStore;
import com.pveams.domain.ippool.AddressStatus;
import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.network.IpNetwork;
import com.pveams.domain.reservation.AllocatedAddress;
import com.pveams.domain.reservation.ListedAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/**
 * Allocation over {@code ip_address} (V2) in the caller's transaction. A held address is {@code status 1} with
 * {@code vm_id} and {@code vm_delete_state 0} (the live VM's state, kept current by the foreign key's cascade),
 * exactly what the IP-pool slice reads as "used".
 */
@ApplicationScoped
public class AddressAllocationPersistenceAdapter implements AddressAllocationStore {
    private static final String HELD = "a.id, a.pool_id, host(a.address), p.prefix_length, host(p.gateway)";

    private final EntityManager em;
    private final IpPoolPersistenceAdapter pools;

    @Inject
    public AddressAllocationPersistenceAdapter(EntityManager em, IpPoolPersistenceAdapter pools) {
        this.em = em;
        this.pools = pools;
    }

    @Override
    public Optional<ListedAddress> lockListed(long nodeId, IpAddress address) {
        // waits (no SKIP LOCKED) for a concurrent allocation of the same address, then sees it held; a row held
        // through another pool listing the same address comes first, so it reads as in use
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT a.id, a.pool_id, host(a.address), a.status, p.nat
                        FROM ip_address a JOIN ip_pool p ON p.id = a.pool_id
                        WHERE a.node_id = ?1 AND a.address = CAST(?2 AS inet)
                        ORDER BY (a.vm_id IS NOT NULL) DESC, (a.status = 0) DESC, a.id
                        FOR UPDATE OF a""")
                .setParameter(1, nodeId).setParameter(2, address.toString()).getResultList();
        return rows.stream().findFirst().map(r -> new ListedAddress(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                IpAddress.parse((String) r[2], "address"), AddressStatus.of(((Number) r[3]).intValue(), "status"), (Boolean) r[4]));
    }

    @Override
    public AllocatedAddress hold(long addressId, long vmId) {
        return held(em.createNativeQuery("""
                        UPDATE ip_address a SET status = 1, vm_id = ?2, vm_delete_state = 0, updated_at = now()
                        FROM ip_pool p WHERE a.id = ?1 AND p.id = a.pool_id
                        RETURNING\s""" + HELD)
                .setParameter(1, addressId).setParameter(2, vmId).getResultList()).get(0);
    }

    @Override
    public List<AllocatedAddress> holdFree(long nodeId, boolean nat, Long poolId, int count, long vmId) {
        // SKIP LOCKED: concurrent creates take different rows instead of queueing on the lowest free one; the
        // status test is re-checked on the locked row version, so a row taken meanwhile is never taken twice
        return held(em.createNativeQuery("""
                        WITH picked AS (
                            SELECT a.id FROM ip_address a JOIN ip_pool p ON p.id = a.pool_id
                            WHERE a.node_id = ?1 AND a.ip_version = 4 AND a.status = 0 AND p.nat = ?2
                              AND (?3 = 0 OR a.pool_id = ?3)
                              AND NOT EXISTS (SELECT 1 FROM ip_address h WHERE h.node_id = a.node_id
                                              AND h.address = a.address AND h.vm_id IS NOT NULL)
                            ORDER BY a.id LIMIT ?4
                            FOR UPDATE OF a SKIP LOCKED)
                        UPDATE ip_address a SET status = 1, vm_id = ?5, vm_delete_state = 0, updated_at = now()
                        FROM picked, ip_pool p WHERE a.id = picked.id AND p.id = a.pool_id
                        RETURNING\s""" + HELD)
                .setParameter(1, nodeId).setParameter(2, nat).setParameter(3, poolId == null ? 0L : poolId)
                .setParameter(4, count).setParameter(5, vmId).getResultList())
                .stream().sorted((x, y) -> Long.compare(x.id(), y.id())).toList();
    }

    @Override
    public void lockNode(long nodeId) {
        pools.lockNode(nodeId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<IpPool> ipv6Pools(long nodeId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, node_id, name, prefix_length, host(gateway), host(dns1), host(dns2), nat
                        FROM ip_pool WHERE node_id = ?1 AND ip_version = 6 ORDER BY id""")
                .setParameter(1, nodeId).getResultList();
        return rows.stream().map(r -> {
            IpAddress gateway = IpAddress.parse((String) r[4], "gateway");
            return new IpPool(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                    IpNetwork.containing(gateway, ((Number) r[3]).intValue()), gateway,
                    IpAddress.parseOptional((String) r[5], "dns1"), IpAddress.parseOptional((String) r[6], "dns2"),
                    (Boolean) r[7]);
        }).toList();
    }

    @Override
    public IpAddress lowestUnlisted(long nodeId, long poolId, IpAddress from) {
        // the candidate itself, or the address after one of the pool's rows at or above it: the lowest such
        // address that is no row of the node (rows of other pools included) is the first gap
        Object r = em.createNativeQuery("""
                        SELECT host(x.c) FROM (
                            SELECT CAST(?3 AS inet) AS c
                            UNION ALL
                            SELECT a.address + 1 FROM ip_address a
                            WHERE a.pool_id = ?2 AND a.address >= CAST(?3 AS inet) AND a.address < CAST('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' AS inet)
                        ) x
                        WHERE NOT EXISTS (SELECT 1 FROM ip_address b WHERE b.node_id = ?1 AND b.address = x.c)
                        ORDER BY x.c LIMIT 1""")
                .setParameter(1, nodeId).setParameter(2, poolId).setParameter(3, from.toString()).getSingleResult();
        return IpAddress.parse((String) r, "address");
    }

    @Override
    public Optional<AllocatedAddress> materialise(IpPool pool, IpAddress address, long vmId) {
        // DO NOTHING without a target covers uq_ip_address_pool_address and ux_ip_address_held alike
        @SuppressWarnings("unchecked")
        List<Number> id = em.createNativeQuery("""
                        INSERT INTO ip_address (pool_id, node_id, ip_version, address, status, vm_id, vm_delete_state)
                        VALUES (?1, ?2, 6, CAST(?3 AS inet), 1, ?4, 0)
                        ON CONFLICT DO NOTHING RETURNING id""")
                .setParameter(1, pool.id()).setParameter(2, pool.nodeId()).setParameter(3, address.toString())
                .setParameter(4, vmId).getResultList();
        return id.stream().findFirst().map(i -> new AllocatedAddress(i.longValue(), pool.id(), address,
                pool.prefixLength(), pool.gateway()));
    }

    @Override
    public void releaseAll(long vmId) {
        // IPv6 rows exist only while allocated; IPv4 rows go back to free
        em.createNativeQuery("DELETE FROM ip_address WHERE vm_id = ?1 AND ip_version = 6")
                .setParameter(1, vmId).executeUpdate();
        em.createNativeQuery("""
                        UPDATE ip_address SET status = 0, vm_id = NULL, vm_delete_state = NULL, mac = NULL, updated_at = now()
                        WHERE vm_id = ?1""")
                .setParameter(1, vmId).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<AllocatedAddress> held(List<?> rows) {
        return ((List<Object[]>) rows).stream().map(r -> new AllocatedAddress(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), IpAddress.parse((String) r[2], "address"), ((Number) r[3]).intValue(),
                IpAddress.parse((String) r[4], "gateway"))).toList();
    }
}
