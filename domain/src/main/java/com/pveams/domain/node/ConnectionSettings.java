package com.pveams.domain.node;

import java.util.Objects;

/**
 * Everything the service needs (besides secrets and pins) to talk to a node: the PVE API address, the node's name
 * in PVE, the login, and the SSH settings. Two settings are compared to decide whether a change must be checked
 * against the node again before it is saved.
 */
public record ConnectionSettings(HostAddress host, int apiPort, PveNodeName pveNodeName, PveLogin login,
                                 SshSettings ssh) {
    public static final int DEFAULT_API_PORT = 8006;

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(ssh, "ssh");
        if (apiPort < 1 || apiPort > 65535) {
            throw new IllegalArgumentException("apiPort");
        }
    }

    /** True if the PVE side must be checked again: another address, port, node name or login. */
    public boolean pveDiffersFrom(ConnectionSettings other) {
        return !host.equals(other.host) || apiPort != other.apiPort
                || !Objects.equals(pveNodeName, other.pveNodeName) || !login.equals(other.login);
    }

    /** True if the SSH side must be checked again: another effective host, port, user or kind of secret. */
    public boolean sshDiffersFrom(ConnectionSettings other) {
        return !sshHost().equals(other.sshHost()) || ssh.port() != other.ssh.port()
                || !ssh.username().equals(other.ssh.username()) || ssh.authKind() != other.ssh.authKind();
    }

    /** True if the API address changed, so the certificate seen there must be probed and pinned anew. */
    public boolean apiAddressDiffersFrom(ConnectionSettings other) {
        return !host.equals(other.host) || apiPort != other.apiPort;
    }

    /** True if the SSH address changed, so the host key seen there must be probed and pinned anew. */
    public boolean sshAddressDiffersFrom(ConnectionSettings other) {
        return !sshHost().equals(other.sshHost()) || ssh.port() != other.ssh.port();
    }

    public HostAddress sshHost() {
        return ssh.effectiveHost(host);
    }

    public ConnectionSettings withPveNodeName(PveNodeName name) {
        return new ConnectionSettings(host, apiPort, name, login, ssh);
    }
}
