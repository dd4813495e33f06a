package com.pveams.application.config;

import java.time.Duration;

/**
 * How list and info endpoints fetch PVE's live data: every call of one request ends within {@code timeout}, at
 * most {@code parallelism} calls run at once across requests, and a node that failed is not asked again for
 * {@code nodeCooldown} (its VMs show stored data meanwhile), so a dead node costs one timeout, not one per page.
 */
public record VmLivePolicy(Duration timeout, int parallelism, Duration nodeCooldown) {
    public VmLivePolicy {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (nodeCooldown == null || nodeCooldown.isNegative()) {
            throw new IllegalArgumentException("nodeCooldown must not be negative");
        }
    }
}
