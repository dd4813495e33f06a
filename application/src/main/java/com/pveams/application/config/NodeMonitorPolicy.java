package com.pveams.application.config;

import java.time.Duration;

/**
 * How the node monitor checks: every check of one round must end within {@code checkTimeout} (a node that has not
 * answered by then counts as down), with at most {@code parallelism} checks running at once.
 */
public record NodeMonitorPolicy(Duration checkTimeout, int parallelism) {
    public NodeMonitorPolicy {
        if (checkTimeout == null || checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("checkTimeout must be positive");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }
}
