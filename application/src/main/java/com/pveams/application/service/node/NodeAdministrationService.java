package com.pveams.application.service.node;

import com.pveams.application.port.in.node.ManageNodesUseCase;
import com.pveams.application.port.in.node.NodeForm;
import com.pveams.application.port.in.node.NodeView;
import com.pveams.application.port.in.node.RegisterNodeCommand;
import com.pveams.application.port.in.node.UpdateNodeCommand;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.ConnectionSettings;
import com.pveams.domain.node.HostAddress;
import com.pveams.domain.node.HostKeyFingerprint;
import com.pveams.domain.node.NatSettings;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.NodeName;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.NodeStorage;
import com.pveams.domain.node.Ports;
import com.pveams.domain.node.PveLogin;
import com.pveams.domain.node.PveNodeName;
import com.pveams.domain.node.SecretInput;
import com.pveams.domain.node.ShellState;
import com.pveams.domain.node.SshAuthKind;
import com.pveams.domain.node.SshSettings;
import com.pveams.domain.node.TlsPin;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers and edits nodes. Every change of how a node is reached is checked against the node before it is
 * saved (outside any transaction: a node may take seconds to answer); the save itself is one transaction in
 * {@link NodeStore}, so a failed check or a lost race writes nothing.
 */
@Singleton
public class NodeAdministrationService implements ManageNodesUseCase {
    private final NodeStore store;
    private final NodeChecks checks;
    private final NodeConnectionService connections;
    private final Clock clock;

    @Inject
    public NodeAdministrationService(NodeStore store, NodeChecks checks, NodeConnectionService connections, Clock clock) {
        this.store = store;
        this.checks = checks;
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public NodeView register(RegisterNodeCommand cmd) {
        store.preflight(cmd.regionId(), cmd.name(), null);
        ConnectionSettings requested = cmd.connection();
        TlsPin pin = checks.probeCertificate(requested.host(), requested.apiPort(), cmd.expectedTlsFingerprint());
        NodeChecks.ApiFacts facts = checks.checkApi(requested, cmd.apiSecret(), pin);
        ConnectionSettings connection = requested.withPveNodeName(facts.nodeName());
        HostKeyFingerprint hostKey = checks.checkShell(connection, cmd.sshSecret(), null, cmd.expectedHostKey(),
                cmd.imageDir());
        Node node = Node.register(NodeName.orDefault(cmd.name(), facts.nodeName(), connection.host()), cmd.regionId(),
                connection, pin, hostKey, facts.clusterName(), cmd.requestedState(), cmd.imageDir(),
                cmd.backupStorage(), clock.instant());
        return NodeViews.of(store.insert(node, connections.encrypt(cmd.apiSecret()), connections.encrypt(cmd.sshSecret())));
    }

    @Override
    public Page<NodeView> list(PageRequest request) {
        return store.page(request, Optional.empty()).map(NodeViews::of);
    }

    @Override
    public Page<NodeView> listByRegion(long regionId, PageRequest request) {
        return store.page(request, Optional.of(regionId)).map(NodeViews::of);
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public NodeView update(UpdateNodeCommand cmd) {
        StoredNode stored = store.load(cmd.id());
        Node node = stored.node();
        NodeState stateBefore = node.state();
        ShellState shellBefore = node.shellState();
        NodeForm f = cmd.form();
        ConnectionSettings connection = merge(node.connection(), f, cmd);
        Long regionId = f.area() == null ? node.regionId() : f.area() == 0 ? null : positive(f.area(), "area");
        Node.Rechecks rechecks = node.reconfigure(new Node.Edit(
                blank(f.name()) ? node.name() : NodeName.of(f.name()), regionId, connection,
                cmd.apiSecret().replaces(), cmd.sshSecret().replaces(), NodeState.requestedByAdmin(f.status()),
                node.nat().edit(f.natbridge(), f.nataddr()), NodeStorage.imageDir(f.imageDir(), node.imageDir()),
                f.backupStorage() == null ? node.backupStorage() : NodeStorage.storageId(f.backupStorage(), "backupStorage")));
        store.preflight(regionId, node.name().value(), node.id());

        String apiSecret = cmd.apiSecret() instanceof SecretInput.Replace r ? r.value() : null;
        String sshSecret = cmd.sshSecret() instanceof SecretInput.Replace r ? r.value() : null;
        if (rechecks.certificate()) {
            node.pinCertificate(checks.probeCertificate(connection.host(), connection.apiPort(), cmd.expectedTlsFingerprint()));
        }
        if (rechecks.pve() || rechecks.certificate()) {
            NodeChecks.ApiFacts facts = checks.checkApi(connection,
                    apiSecret != null ? apiSecret : connections.decrypt(stored.apiSecret()), node.tls());
            node.recordCluster(facts.clusterName());
            node.recordApiCheck(true);
        }
        if (rechecks.ssh() || rechecks.hostKey()) {
            node.pinHostKey(checks.checkShell(connection,
                    sshSecret != null ? sshSecret : connections.decrypt(stored.sshSecret()),
                    rechecks.hostKey() ? null : node.hostKey(), cmd.expectedHostKey(), node.imageDir()));
            node.recordShellCheck(true);
        }
        boolean writeState = node.state() != stateBefore || node.shellState() != shellBefore;
        Long natPool = f.natippool() == null || Objects.equals(f.natippool(), stored.natPoolId())
                || (f.natippool() == 0 && stored.natPoolId() == null) ? null : f.natippool();
        return NodeViews.of(store.save(node, apiSecret == null ? null : connections.encrypt(apiSecret),
                sshSecret == null ? null : connections.encrypt(sshSecret), writeState, natPool));
    }

    /**
     * The connection settings of an edit: each absent field keeps its stored value. A token login stays a token
     * login unless the form names another token or sends an empty {@code tokenId} (the legacy UI knows no tokens
     * and sends only user and realm).
     */
    private static ConnectionSettings merge(ConnectionSettings old, NodeForm f, UpdateNodeCommand cmd) {
        HostAddress host = blank(f.host()) ? old.host() : HostAddress.of(f.host(), "host");
        int port = f.port() == null ? old.apiPort() : Ports.orDefault(f.port(), ConnectionSettings.DEFAULT_API_PORT, "port");
        PveNodeName pveName = blank(f.nodeName()) ? old.pveNodeName() : PveNodeName.optional(f.nodeName(), "nodeName");
        String username = blank(f.username()) ? old.login().user() : f.username();
        String realm = f.realm() != null ? f.realm() : username.contains("@") ? null : old.login().realm();
        String tokenId = f.tokenId() != null ? f.tokenId() : username.contains("!") ? null : old.login().tokenId();
        PveLogin login = PveLogin.of(username, realm, tokenId);
        SshAuthKind kind = cmd.sshPrivateKey() ? SshAuthKind.PRIVATE_KEY
                : cmd.sshSecret().replaces() ? SshAuthKind.PASSWORD : old.ssh().authKind();
        String sshHost = f.sshHost() == null ? (old.ssh().host() == null ? null : old.ssh().host().value()) : f.sshHost();
        SshSettings ssh = SshSettings.of(sshHost, f.sshPort() == null ? old.ssh().port() : f.sshPort(),
                blank(f.sshUsername()) ? old.ssh().username() : f.sshUsername(), kind);
        return new ConnectionSettings(host, port, pveName, login, ssh);
    }

    @Override
    public void delete(long nodeId) {
        store.delete(nodeId);
    }

    @Override
    public void moveToRegion(long nodeId, long regionId) {
        store.moveToRegion(nodeId, regionId);
    }

    @Override
    public NodeView repinCertificate(long nodeId, String expectedFingerprint) {
        String expected = TlsPin.parseFingerprint(expectedFingerprint, "fingerprint");
        StoredNode stored = store.load(nodeId);
        Node node = stored.node();
        ConnectionSettings c = node.connection();
        TlsPin pin = checks.probeCertificate(c.host(), c.apiPort(), expected);
        NodeChecks.ApiFacts facts = checks.checkApi(c, connections.decrypt(stored.apiSecret()), pin);
        node.pinCertificate(pin);
        node.recordCluster(facts.clusterName());
        boolean changed = node.recordApiCheck(true);
        return NodeViews.of(store.save(node, null, null, changed, null));
    }

    @Override
    public NodeView repinHostKey(long nodeId, String expectedFingerprint) {
        HostKeyFingerprint expected = HostKeyFingerprint.optional(expectedFingerprint, "fingerprint");
        StoredNode stored = store.load(nodeId);
        Node node = stored.node();
        if (stored.sshSecret() == null) {
            throw DomainException.invalid("sshPassword", "该节点未配置SSH", "SSH is not configured for this node");
        }
        node.pinHostKey(checks.checkShell(node.connection(), connections.decrypt(stored.sshSecret()), null, expected,
                node.imageDir()));
        boolean changed = node.recordShellCheck(true);
        return NodeViews.of(store.save(node, null, null, changed, null));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static long positive(long v, String field) {
        if (v < 1) {
            throw DomainException.invalid(field, "必须是正整数", "must be a positive integer");
        }
        return v;
    }
}
