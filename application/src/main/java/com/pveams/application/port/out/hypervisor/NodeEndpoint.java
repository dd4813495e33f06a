package com.pveams.application.port.out.hypervisor;

import java.util.Objects;

/**
 * How to reach one PVE node: address, the node's name inside its cluster, credentials (already decrypted
 * by the application) and how to trust its TLS certificate. {@link #toString()} never shows secrets.
 */
public record NodeEndpoint(String host, int port, String nodeName, NodeAuth auth, TlsTrust tls) {

    public static final int DEFAULT_PORT = 8006;

    public NodeEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** host:port, IPv6 literals in brackets. */
    public String authority() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    @Override
    public String toString() {
        return "NodeEndpoint[" + authority() + ", node=" + nodeName + ", auth=" + auth + ", tls=" + tls + "]";
    }
}
