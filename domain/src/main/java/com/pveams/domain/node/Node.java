package com.pveams.domain.node;

import java.time.Instant;
import java.util.Objects;

/**
 * A PVE host the service manages. It holds how to reach the node (connection settings, the pinned certificate
 * and host key), which PVE cluster it belongs to, and its health as the latest checks saw it. Its secrets are not
 * part of it: they are stored encrypted and only the application decrypts them to connect.
 */
public final class Node {
    private final Long id;
    private NodeName name;
    private Long regionId;
    private ConnectionSettings connection;
    private TlsPin tls;
    private HostKeyFingerprint hostKey;
    private String clusterName;
    private NodeState state;
    private ShellState shellState;
    private NatSettings nat;
    private String imageDir;
    private String backupStorage;
    private final String autoStorage;
    private final Instant createdAt;
    private final Instant updatedAt;

    public Node(Long id, NodeName name, Long regionId, ConnectionSettings connection, TlsPin tls,
                HostKeyFingerprint hostKey, String clusterName, NodeState state, ShellState shellState,
                NatSettings nat, String imageDir, String backupStorage, String autoStorage, Instant createdAt,
                Instant updatedAt) {
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.regionId = regionId;
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.hostKey = hostKey;
        this.clusterName = clusterName;
        this.state = Objects.requireNonNull(state, "state");
        this.shellState = shellState;
        this.nat = Objects.requireNonNull(nat, "nat");
        this.imageDir = Objects.requireNonNull(imageDir, "imageDir");
        this.backupStorage = backupStorage;
        this.autoStorage = autoStorage;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = updatedAt;
        if (connection.pveNodeName() == null) {
            throw new IllegalArgumentException("a saved node knows its PVE node name");
        }
    }

    /**
     * A node whose every check has just passed: online and SSH-reachable, unless the admin registers it
     * disabled.
     */
    public static Node register(NodeName name, Long regionId, ConnectionSettings connection, TlsPin tls,
                                HostKeyFingerprint hostKey, String clusterName, NodeState requestedState,
                                String imageDir, String backupStorage, Instant now) {
        NodeState state = requestedState == NodeState.DISABLED ? NodeState.DISABLED : NodeState.ONLINE;
        return new Node(null, name, regionId, connection, tls, Objects.requireNonNull(hostKey, "hostKey"),
                clusterName, state, ShellState.REACHABLE, NatSettings.off(), imageDir, backupStorage, null, now, now);
    }

    /** What an update changes about how the node is reached, so the service knows what to check again. */
    public record Rechecks(boolean pve, boolean ssh, boolean certificate, boolean hostKey) {
        public boolean any() {
            return pve || ssh || certificate || hostKey;
        }
    }

    /** The editable part of a node, as a form sends it (already validated). */
    public record Edit(NodeName name, Long regionId, ConnectionSettings connection, boolean apiSecretReplaced,
                       boolean sshSecretReplaced, NodeState requestedState, NatSettings nat, String imageDir,
                       String backupStorage) {
    }

    /**
     * Applies a form. A new address, port, node name, login or secret on one side means that side is checked
     * again before the change is saved; a new address means its certificate or host key is probed and pinned anew.
     */
    public Rechecks reconfigure(Edit edit) {
        ConnectionSettings next = edit.connection();
        Rechecks r = new Rechecks(next.pveDiffersFrom(connection) || edit.apiSecretReplaced(),
                next.sshDiffersFrom(connection) || edit.sshSecretReplaced(),
                next.apiAddressDiffersFrom(connection), next.sshAddressDiffersFrom(connection));
        if (next.pveNodeName() == null) {
            throw new IllegalArgumentException("a saved node knows its PVE node name");
        }
        this.name = edit.name();
        this.regionId = edit.regionId();
        this.connection = next;
        this.nat = edit.nat();
        this.imageDir = edit.imageDir();
        this.backupStorage = edit.backupStorage();
        applyAdminState(edit.requestedState());
        return r;
    }

    /**
     * An admin disables the node, or puts it back in service. Back in service it counts as offline until a check
     * sees it answer: being enabled says nothing about being reachable.
     */
    public void applyAdminState(NodeState requested) {
        if (requested == NodeState.DISABLED) {
            state = NodeState.DISABLED;
        } else if (requested != null && state == NodeState.DISABLED) {
            state = NodeState.OFFLINE;
        }
    }

    /** Whether the monitor checks this node (a disabled node is left alone). */
    public boolean monitored() {
        return state != NodeState.DISABLED;
    }

    /** Records the outcome of a PVE check; a disabled node stays disabled. True if the status changed. */
    public boolean recordApiCheck(boolean answered) {
        if (state == NodeState.DISABLED) {
            return false;
        }
        NodeState next = answered ? NodeState.ONLINE : NodeState.OFFLINE;
        boolean changed = next != state;
        state = next;
        return changed;
    }

    /** Records the outcome of an SSH check. True if the reachability changed. */
    public boolean recordShellCheck(boolean reachable) {
        ShellState next = reachable ? ShellState.REACHABLE : ShellState.UNREACHABLE;
        boolean changed = next != shellState;
        shellState = next;
        return changed;
    }

    /** Trusts the certificate the node presents now (after an operator confirmed a deliberate change). */
    public void pinCertificate(TlsPin pin) {
        this.tls = Objects.requireNonNull(pin, "pin");
    }

    /** Trusts the host key the node presents now (after an operator confirmed a deliberate change). */
    public void pinHostKey(HostKeyFingerprint fingerprint) {
        this.hostKey = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The PVE cluster the node reported (null: a stand-alone node). */
    public void recordCluster(String clusterName) {
        this.clusterName = clusterName;
    }

    public void moveToRegion(Long regionId) {
        this.regionId = regionId;
    }

    /**
     * Nodes of one PVE cluster share one VMID space, so VMIDs are reserved per cluster: this key is the same for
     * every node of a cluster and unique to a stand-alone node. Clusters are told apart by name; two clusters
     * with the same name would share one space, which wastes ids but never hands one out twice.
     */
    public String vmidSpace() {
        return clusterName != null ? "cluster:" + clusterName
                : "node:" + connection.host().value() + ":" + connection.apiPort() + "/" + connection.pveNodeName();
    }

    public Long id() { return id; }
    public NodeName name() { return name; }
    public Long regionId() { return regionId; }
    public ConnectionSettings connection() { return connection; }
    public TlsPin tls() { return tls; }
    public HostKeyFingerprint hostKey() { return hostKey; }
    public String clusterName() { return clusterName; }
    public NodeState state() { return state; }
    public ShellState shellState() { return shellState; }
    public NatSettings nat() { return nat; }
    public String imageDir() { return imageDir; }
    public String backupStorage() { return backupStorage; }
    public String autoStorage() { return autoStorage; }
    public Instant createdAt() { return createdAt; }
    /** When the row was last written: an update must find it unchanged (optimistic check). */
    public Instant updatedAt() { return updatedAt; }
}
