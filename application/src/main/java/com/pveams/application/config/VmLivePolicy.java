package com.pveams.application.config;

import java.time.Duration;

/**
 * How list and info endpoints fetch PVE's live data: every call of one request ends within {@code timeout}, at
 * most {@code parallelism} calls run at once across requests, and a node that failed is not asked again for
 * {@code nodeCooldown} (its VMs show stored data meanwhile), so a dead node costs one timeout, not one per page.
 * At most {@code nodeBacklog} calls to one node are queued or running at once: beyond that the node is already
 * behind, and a further VM of it is shown with stored data at once instead of adding to its queue.
 */
public record VmLivePolicy(Duration timeout, int parallelism, Duration nodeCooldown, int nodeBacklog) {
    /** The default backlog: two full pages of one node. */
    public static final int DEFAULT_NODE_BACKLOG = 40;

    public VmLivePolicy(Duration timeout, int parallelism, Duration nodeCooldown) {
        this(timeout, parallelism, nodeCooldown, DEFAULT_NODE_BACKLOG);
    }

    public VmLivePolicy {
        if (nodeBacklog < 1) {
            throw new IllegalArgumentException("nodeBacklog must be at least 1");
        }
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
