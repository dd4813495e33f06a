package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens SSH connections to nodes: the pinned host key is checked before authenticating, and connect, key exchange
 * and authentication each get the connect timeout.
 */
final class NodeConnector {
    private static final Logger LOG = Logger.getLogger(NodeConnector.class.getName());

    private final Duration connectTimeout;
    private final Config sshConfig = new DefaultConfig();

    NodeConnector(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Connects without logging in and returns the presented host key's fingerprint. */
    String probeHostKey(String host, int port) {
        String[] seen = new String[1];
        HostKeyVerifier recorder = new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int p, PublicKey key) {
                seen[0] = HostKeyPinning.fingerprint(key);
                return true;
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int p) {
                return List.of();
            }
        };
        SSHClient ssh = newClient(recorder);
        try {
            ssh.connect(host, port);
        } catch (IOException e) {
            throw unreachable(host, port, e);
        } finally {
            disconnectQuietly(ssh);
        }
        if (seen[0] == null) {
            throw new NodeShellException(Kind.UNREACHABLE, host + ":" + port + " presented no host key");
        }
        return seen[0];
    }

    /** An authenticated session on the node; the caller closes it. */
    NodeSession open(NodeSshEndpoint node) {
        HostKeyPinning pinning = new HostKeyPinning(node.hostKeyFingerprint());
        SSHClient ssh = newClient(pinning);
        boolean ok = false;
        try {
            try {
                ssh.connect(node.host(), node.port());
            } catch (IOException e) {
                Optional<String> presented = pinning.mismatch();
                if (presented.isPresent()) {
                    throw new NodeShellException(Kind.HOST_KEY_MISMATCH, node.host() + ":" + node.port()
                            + " presented host key " + presented.get() + " but " + pinning.pinned()
                            + " is pinned; refusing to connect", null, e);
                }
                throw unreachable(node.host(), node.port(), e);
            }
            authenticate(ssh, node);
            ok = true;
            return new NodeSession(ssh, node);
        } finally {
            if (!ok) {
                disconnectQuietly(ssh);
            }
        }
    }

    private SSHClient newClient(HostKeyVerifier verifier) {
        SSHClient ssh = new SSHClient(sshConfig);
        ssh.addHostKeyVerifier(verifier);
        int ms = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        ssh.setConnectTimeout(ms);
        ssh.getTransport().setTimeoutMs(ms);
        return ssh;
    }

    private static void authenticate(SSHClient ssh, NodeSshEndpoint node) {
        try {
            SshCredentials credentials = node.credentials();
            if (credentials instanceof SshCredentials.Password p) {
                ssh.authPassword(node.username(), p.password().toCharArray());
            } else if (credentials instanceof SshCredentials.PrivateKey k) {
                KeyProvider keys = k.passphrase() == null
                        ? ssh.loadKeys(k.pem(), null, null)
                        : ssh.loadKeys(k.pem(), null, PasswordUtils.createOneOff(k.passphrase().toCharArray()));
                ssh.authPublickey(node.username(), keys);
            } else {
                throw new IllegalStateException("unknown credentials type");
            }
        } catch (UserAuthException e) {
            throw new NodeShellException(Kind.AUTH, node.username() + "@" + node.host()
                    + " was not accepted (wrong credentials, or an unreadable private key or passphrase)", null, e);
        } catch (TransportException e) {
            throw unreachable(node.host(), node.port(), e);
        } catch (IOException e) {
            throw new NodeShellException(Kind.AUTH, "the private key for " + node.host() + " cannot be read", null, e);
        }
    }

    static NodeShellException unreachable(String host, int port, Exception e) {
        return new NodeShellException(Kind.UNREACHABLE, "cannot open an SSH connection to " + host + ":" + port
                + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                null, e);
    }

    static void disconnectQuietly(SSHClient ssh) {
        try {
            ssh.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "disconnect failed", e);
        }
    }
}
