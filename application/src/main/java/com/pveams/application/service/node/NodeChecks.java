package com.pveams.application.service.node;

import com.pveams.application.port.out.hypervisor.CertificateProbe;
import com.pveams.application.port.out.hypervisor.ClusterStatus;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.NodeCertificates;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.node.ConnectionSettings;
import com.pveams.domain.node.HostAddress;
import com.pveams.domain.node.HostKeyFingerprint;
import com.pveams.domain.node.PveNodeName;
import com.pveams.domain.node.SshAuthKind;
import com.pveams.domain.node.TlsPin;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The checks a node must pass before its settings are saved, and the health probes of the monitor. Failures of the
 * outbound ports become {@link DomainException}s that say which part failed (PVE unreachable, PVE login, TLS, SSH
 * unreachable, SSH login, host key) and where, never with a secret or the remote's raw text.
 */
@Singleton
public class NodeChecks {
    /** Enough for an SSH login and a trivial command; the connection itself has the adapter's connect timeout. */
    static final Duration SHELL_CHECK_TIMEOUT = Duration.ofSeconds(30);
    /** Proves a shell login works and that the host runs PVE. */
    static final List<String> SHELL_PROBE = List.of("pveversion");
    /** Stands in for the node name while it is being detected: only node-independent paths are called with it. */
    private static final String UNKNOWN_NODE = "localhost";

    private final NodeCertificates certificates;
    private final HypervisorNodes pve;
    private final NodeShell shell;

    @Inject
    public NodeChecks(NodeCertificates certificates, HypervisorNodes pve, NodeShell shell) {
        this.certificates = certificates;
        this.pve = pve;
        this.shell = shell;
    }

    /** What the PVE side of a node told the checks. */
    public record ApiFacts(PveNodeName nodeName, String clusterName) {
    }

    /**
     * Connects without credentials, reads the certificate and decides its trust: CA when the system trusts it,
     * else pinned to what was seen; an operator's expected fingerprint must match.
     */
    public TlsPin probeCertificate(HostAddress host, int port, String expectedFingerprint) {
        CertificateProbe probe;
        try {
            probe = certificates.probeCertificate(host.value(), port);
        } catch (HypervisorException e) {
            throw pveFailure(e, host, port);
        }
        try {
            TlsTrust trust = probe.trustOnFirstUse(expectedFingerprint);
            return trust.mode() == TlsTrust.Mode.CA ? new TlsPin(TlsPin.Mode.CA, probe.sha256Fingerprint())
                    : new TlsPin(TlsPin.Mode.PINNED, trust.sha256Fingerprint());
        } catch (HypervisorException e) {
            throw new DomainException(ErrorCode.NODE_TLS_FAILED, "tlsFingerprint",
                    "节点出示的证书指纹为 " + probe.sha256Fingerprint(), "the node presented " + probe.sha256Fingerprint());
        }
    }

    /**
     * Logs in with the settings and secret over the given trust, detects the PVE node name when it is not set
     * (the only node, or the one that answered), checks that a given name exists, reads the cluster, and reads the
     * node's status (the login may use it).
     */
    public ApiFacts checkApi(ConnectionSettings c, String secret, TlsPin tls) {
        HostAddress host = c.host();
        try {
            NodeEndpoint probe = Endpoints.api(c, c.pveNodeName() == null ? UNKNOWN_NODE : c.pveNodeName().value(),
                    secret, tls);
            pve.version(probe);
            List<String> names = pve.nodeNames(probe);
            ClusterStatus cluster = pve.clusterStatus(probe);
            PveNodeName name = c.pveNodeName();
            if (name == null) {
                String detected = names.size() == 1 ? names.get(0) : cluster.localNode().orElse(null);
                if (detected == null) {
                    throw DomainException.invalid("nodeName", "无法自动识别，请填写节点在PVE中的名称",
                            "could not be detected: give the node's name in PVE");
                }
                name = new PveNodeName(detected);
            } else if (!names.contains(name.value())) {
                throw DomainException.invalid("nodeName", "在PVE中不存在（可用：" + String.join(", ", names) + "）",
                        "does not exist in PVE (known: " + String.join(", ", names) + ")");
            }
            pve.nodeStatus(Endpoints.api(c, name.value(), secret, tls));
            return new ApiFacts(name, cluster.clusterName().orElse(null));
        } catch (HypervisorException e) {
            throw pveFailure(e, host, c.apiPort());
        }
    }

    /**
     * Logs in over SSH and runs a harmless command. With no pinned key the node's key is probed first (and must
     * equal {@code expected} when given); the key that worked is returned for pinning.
     */
    public HostKeyFingerprint checkShell(ConnectionSettings c, String secret, HostKeyFingerprint pinned,
                                         HostKeyFingerprint expected, String imageDir) {
        HostAddress host = c.sshHost();
        int port = c.ssh().port();
        HostKeyFingerprint key = pinned;
        if (key == null) {
            try {
                key = new HostKeyFingerprint(shell.probeHostKey(host.value(), port));
            } catch (NodeShellException e) {
                throw shellFailure(e, host, port);
            } catch (IllegalArgumentException e) {
                throw new DomainException(ErrorCode.NODE_SSH_HOST_KEY_MISMATCH, null,
                        host + ":" + port + " 出示的主机密钥无法识别", host + ":" + port + " presented an unusable host key");
            }
            if (expected != null && !expected.equals(key)) {
                throw new DomainException(ErrorCode.NODE_SSH_HOST_KEY_MISMATCH, "sshHostKey",
                        "节点出示的主机密钥为 " + key, "the node presented " + key);
            }
        }
        try {
            shell.run(Endpoints.ssh(c, c.ssh().authKind() == SshAuthKind.PRIVATE_KEY, secret, key, imageDir),
                    SHELL_PROBE, SHELL_CHECK_TIMEOUT);
        } catch (NodeShellException e) {
            throw shellFailure(e, host, port);
        }
        return key;
    }

    /** The monitor's PVE probe: empty when the node answered, else why not. */
    public Optional<String> apiProblem(NodeEndpoint endpoint) {
        try {
            pve.nodeStatus(endpoint);
            return Optional.empty();
        } catch (HypervisorException e) {
            return Optional.of(e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    /** The monitor's SSH probe: empty when the login worked, else why not. */
    public Optional<String> shellProblem(NodeSshEndpoint endpoint) {
        try {
            shell.run(endpoint, SHELL_PROBE, SHELL_CHECK_TIMEOUT);
            return Optional.empty();
        } catch (NodeShellException e) {
            return Optional.of(e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    /** A PVE failure as the operator should read it; the remote's own text is left out (it may echo input). */
    static DomainException pveFailure(HypervisorException e, HostAddress host, int port) {
        String where = host + ":" + port;
        return switch (e.kind()) {
            case AUTH -> new DomainException(ErrorCode.NODE_PVE_AUTH_FAILED, null, where, where);
            case UNREACHABLE, TIMEOUT -> new DomainException(ErrorCode.NODE_PVE_UNREACHABLE, null, where, where);
            case TLS_MISMATCH -> new DomainException(ErrorCode.NODE_TLS_FAILED, null,
                    where + " 的证书与固定的指纹不符，若为有意更换请重新固定证书",
                    where + " presents another certificate than the pinned one; re-pin it if the change was deliberate");
            case PERMISSION -> new DomainException(ErrorCode.NODE_PVE_CHECK_FAILED, null,
                    where + " 权限不足（需要 Sys.Audit 等权限）", where + " refused: the user lacks privileges (e.g. Sys.Audit)");
            default -> new DomainException(ErrorCode.NODE_PVE_CHECK_FAILED, null,
                    where + " 返回异常（" + e.kind() + "）", where + " answered unexpectedly (" + e.kind() + ")");
        };
    }

    static DomainException shellFailure(NodeShellException e, HostAddress host, int port) {
        String where = host + ":" + port;
        return switch (e.kind()) {
            case AUTH -> new DomainException(ErrorCode.NODE_SSH_AUTH_FAILED, null, where, where);
            case UNREACHABLE, TIMEOUT -> new DomainException(ErrorCode.NODE_SSH_UNREACHABLE, null, where, where);
            case HOST_KEY_MISMATCH -> new DomainException(ErrorCode.NODE_SSH_HOST_KEY_MISMATCH, null,
                    where + "，若为有意更换请重新固定主机密钥", where + "; re-pin the host key if the change was deliberate");
            default -> new DomainException(ErrorCode.NODE_SSH_UNREACHABLE, null,
                    where + " 命令执行失败（" + e.kind() + "）", where + " the command failed (" + e.kind() + ")");
        };
    }
}
