package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

/** TCP port numbers of node settings. */
public final class Ports {
    private Ports() {
    }

    /** The port, or {@code defaultPort} when absent; 1..65535. */
    public static int orDefault(Integer port, int defaultPort, String field) {
        if (port == null) {
            return defaultPort;
        }
        if (port < 1 || port > 65535) {
            throw DomainException.invalid(field, "必须在 1 到 65535 之间", "must be between 1 and 65535");
        }
        return port;
    }
}
