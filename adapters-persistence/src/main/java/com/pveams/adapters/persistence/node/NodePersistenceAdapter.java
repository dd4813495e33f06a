package com.pveams.adapters.persistence.node;

import com.pveams.adapters.persistence.NativeInserts;
import com.pveams.application.port.out.node.NodeRegions;
import com.pveams.application.port.out.node.NodeRepository;
import com.pveams.domain.node.ConnectionSettings;
import com.pveams.domain.node.HostAddress;
import com.pveams.domain.node.HostKeyFingerprint;
import com.pveams.domain.node.NatSettings;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.NodeName;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.PveAuthKind;
import com.pveams.domain.node.PveLogin;
import com.pveams.domain.node.PveNodeName;
import com.pveams.domain.node.ShellState;
import com.pveams.domain.node.SshAuthKind;
import com.pveams.domain.node.SshSettings;
import com.pveams.domain.node.TlsPin;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Nodes in the {@code node} table, mapped to the {@link Node} aggregate; secrets stay ciphertext here. */
@ApplicationScoped
public class NodePersistenceAdapter implements NodeRepository, NodeRegions {
    private final NodeEntityRepository repo;
    private final PostgresNodeChangeFeed changes;

    @Inject
    public NodePersistenceAdapter(NodeEntityRepository repo, PostgresNodeChangeFeed changes) {
        this.repo = repo;
        this.changes = changes;
    }

    private EntityManager em() {
        return repo.getEntityManager();
    }

    @Override
    public Optional<Long> insert(Node node, byte[] apiSecret, byte[] sshSecret) {
        ConnectionSettings c = node.connection();
        // ON CONFLICT: a concurrent registration of the same name or endpoint loses without breaking the transaction
        return NativeInserts.insertUnlessConflict(em(), """
                        INSERT INTO node (name, region_id, host, api_port, pve_node_name, auth_mode, realm, username,
                                          token_id, api_secret_enc, tls_trust_mode, tls_fingerprint, ssh_host, ssh_port,
                                          ssh_username, ssh_auth_mode, ssh_secret_enc, ssh_host_key_fingerprint, status,
                                          ssh_status, pve_cluster, backup_storage, image_dir, nat_enabled, nat_bridge,
                                          nat_public_address, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                                ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?27)
                        ON CONFLICT DO NOTHING
                        RETURNING id""",
                node.name().value(), node.regionId(), c.host().value(), c.apiPort(), c.pveNodeName().value(),
                c.login().kind().name(), c.login().realm(), c.login().user(), c.login().tokenId(), apiSecret,
                node.tls().mode().name(), node.tls().fingerprint(), c.ssh().host() == null ? null : c.ssh().host().value(),
                c.ssh().port(), c.ssh().username(), c.ssh().authKind().name(), sshSecret,
                node.hostKey() == null ? null : node.hostKey().value(), (short) node.state().code(),
                node.shellState() == null ? null : (short) node.shellState().code(), node.clusterName(),
                node.backupStorage(), node.imageDir(), node.nat().enabled(), node.nat().bridge(),
                node.nat().publicAddress(), node.createdAt());
    }

    @Override
    public Optional<StoredNode> findById(long id) {
        return repo.findByIdOptional(id).map(e -> toStored(e, natPools(List.of(e.id)).get(e.id)));
    }

    @Override
    public List<StoredNode> findByIds(java.util.Collection<Long> ids) {
        List<NodeEntity> rows = repo.list("id in ?1", List.copyOf(ids));
        Map<Long, Long> nat = natPools(rows.stream().map(e -> e.id).toList());
        return rows.stream().map(e -> toStored(e, nat.get(e.id))).toList();
    }

    @Override
    public Page<StoredNode> page(PageRequest request, Optional<Long> regionId) {
        var query = regionId.isPresent()
                ? repo.find("regionId = :region order by createdAt desc, id desc", Parameters.with("region", regionId.get()))
                : repo.find("order by createdAt desc, id desc");
        List<NodeEntity> rows = query.page(io.quarkus.panache.common.Page.of(request.page() - 1, request.size())).list();
        Map<Long, Long> nat = natPools(rows.stream().map(e -> e.id).toList());
        return new Page<>(rows.stream().map(e -> toStored(e, nat.get(e.id))).toList(), query.count(), request.page(),
                request.size());
    }

    @Override
    public long count() {
        return repo.count();
    }

    @Override
    public List<StoredNode> monitored() {
        List<NodeEntity> rows = repo.list("status <> 2 order by id");
        Map<Long, Long> nat = natPools(rows.stream().map(e -> e.id).toList());
        return rows.stream().map(e -> toStored(e, nat.get(e.id))).toList();
    }

    @Override
    public boolean nameTaken(String name, Long exceptId) {
        return exceptId == null ? repo.count("name", name) > 0 : repo.count("name = ?1 and id <> ?2", name, exceptId) > 0;
    }

    @Override
    public boolean endpointTaken(HostAddress host, int apiPort, PveNodeName pveNodeName, Long exceptId) {
        return repo.count("host = ?1 and apiPort = ?2 and pveNodeName = ?3 and id <> ?4", host.value(), apiPort,
                pveNodeName.value(), exceptId == null ? 0L : exceptId) > 0;
    }

    @Override
    public boolean update(Node node, byte[] apiSecret, byte[] sshSecret, boolean writeState, Instant now) {
        // the row lock makes "unchanged since read" and the write one step: a concurrent edit waits, then fails
        NodeEntity e = em().find(NodeEntity.class, node.id(), LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !e.updatedAt.equals(node.updatedAt())) {
            return false;
        }
        ConnectionSettings c = node.connection();
        e.name = node.name().value();
        e.regionId = node.regionId();
        e.host = c.host().value();
        e.apiPort = c.apiPort();
        e.pveNodeName = c.pveNodeName().value();
        e.authMode = c.login().kind().name();
        e.realm = c.login().realm();
        e.username = c.login().user();
        e.tokenId = c.login().tokenId();
        if (apiSecret != null) {
            e.apiSecretEnc = apiSecret;
        }
        e.tlsTrustMode = node.tls().mode().name();
        e.tlsFingerprint = node.tls().fingerprint();
        e.sshHost = c.ssh().host() == null ? null : c.ssh().host().value();
        e.sshPort = c.ssh().port();
        e.sshUsername = c.ssh().username();
        e.sshAuthMode = c.ssh().authKind().name();
        if (sshSecret != null) {
            e.sshSecretEnc = sshSecret;
        }
        e.sshHostKeyFingerprint = node.hostKey() == null ? null : node.hostKey().value();
        if (writeState) {
            e.status = (short) node.state().code();
            e.sshStatus = node.shellState() == null ? null : (short) node.shellState().code();
        }
        e.pveCluster = node.clusterName();
        e.backupStorage = node.backupStorage();
        e.imageDir = node.imageDir();
        e.natEnabled = node.nat().enabled();
        e.natBridge = node.nat().bridge();
        e.natPublicAddress = node.nat().publicAddress();
        e.updatedAt = now.isAfter(e.updatedAt) ? now : e.updatedAt.plusNanos(1000);
        em().flush();
        changes.announceAfterCommit(node.id()); // this replica's cached access; V31 tells the others
        return true;
    }

    @Override
    public void recordHealth(long id, NodeState state, ShellState shellState) {
        // updated_at is left alone: a health verdict must not make an admin's pending edit look stale
        em().createNativeQuery("UPDATE node SET status = ?1, ssh_status = ?2 WHERE id = ?3 AND status <> 2")
                .setParameter(1, (short) state.code())
                .setParameter(2, shellState == null ? null : (short) shellState.code())
                .setParameter(3, id)
                .executeUpdate();
        changes.announceAfterCommit(id);
    }

    @Override
    public void moveToRegion(long nodeId, Long regionId, Instant now) {
        repo.update("regionId = ?1, updatedAt = ?2 where id = ?3", regionId, now, nodeId);
        changes.announceAfterCommit(nodeId);
    }

    @Override
    public long existingVmCount(long nodeId) {
        return scalar("SELECT count(*) FROM vm WHERE node_id = ?1 AND delete_state <> 2", nodeId);
    }

    @Override
    public long activeOperationCount(long nodeId) {
        return scalar("SELECT count(*) FROM operation WHERE node_id = ?1 AND status IN ('PENDING', 'RUNNING', 'COMPENSATING')",
                nodeId);
    }

    @Override
    public boolean delete(long nodeId) {
        // purged VMs are kept for statistics without their node (the only state ck_vm_node_required allows);
        // no address can be held any more (a holder is a VM that still exists), so the node's addresses and pools go
        exec("UPDATE vm SET node_id = NULL WHERE node_id = ?1 AND delete_state = 2", nodeId);
        exec("DELETE FROM ip_address WHERE node_id = ?1", nodeId);
        exec("DELETE FROM ip_pool WHERE node_id = ?1", nodeId);
        changes.announceAfterCommit(nodeId);
        return exec("DELETE FROM node WHERE id = ?1", nodeId) > 0;
    }

    @Override
    public boolean poolOfNode(long poolId, long nodeId) {
        return scalar("SELECT count(*) FROM ip_pool WHERE id = ?1 AND node_id = ?2 AND ip_version = 4", poolId, nodeId) > 0;
    }

    @Override
    public void useNatPool(long nodeId, Long poolId) {
        // two statements: ux_ip_pool_nat_per_node is checked row by row
        exec("UPDATE ip_pool SET nat = FALSE, updated_at = now() WHERE node_id = ?1 AND nat", nodeId);
        if (poolId != null) {
            exec("UPDATE ip_pool SET nat = TRUE, updated_at = now() WHERE node_id = ?1 AND id = ?2", nodeId, poolId);
        }
    }

    @Override
    public boolean exists(long regionId) {
        return scalar("SELECT count(*) FROM region WHERE id = ?1", regionId) > 0;
    }

    private Map<Long, Long> natPools(List<Long> nodeIds) {
        Map<Long, Long> out = new HashMap<>();
        if (nodeIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("SELECT node_id, id FROM ip_pool WHERE nat AND node_id IN (:ids)")
                .setParameter("ids", nodeIds).getResultList();
        for (Object[] r : rows) {
            out.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
        }
        return out;
    }

    private long scalar(String sql, Object... params) {
        var q = em().createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    private int exec(String sql, Object... params) {
        var q = em().createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.executeUpdate();
    }

    private static StoredNode toStored(NodeEntity e, Long natPoolId) {
        PveLogin login = new PveLogin(PveAuthKind.valueOf(e.authMode), e.username, e.realm, e.tokenId);
        SshSettings ssh = new SshSettings(e.sshHost == null ? null : new HostAddress(e.sshHost), e.sshPort,
                e.sshUsername, SshAuthKind.valueOf(e.sshAuthMode));
        ConnectionSettings c = new ConnectionSettings(new HostAddress(e.host), e.apiPort, new PveNodeName(e.pveNodeName),
                login, ssh);
        Node node = new Node(e.id, new NodeName(e.name), e.regionId, c,
                new TlsPin(TlsPin.Mode.valueOf(e.tlsTrustMode), e.tlsFingerprint),
                e.sshHostKeyFingerprint == null ? null : new HostKeyFingerprint(e.sshHostKeyFingerprint), e.pveCluster,
                NodeState.ofCode(e.status), e.sshStatus == null ? null : ShellState.ofCode(e.sshStatus),
                new NatSettings(e.natEnabled, e.natBridge, e.natPublicAddress), e.imageDir, e.backupStorage,
                e.autoStorage, e.createdAt, e.updatedAt);
        return new StoredNode(node, e.apiSecretEnc, e.sshSecretEnc, natPoolId);
    }
}
