package com.pveams.adapters.pve;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the PVE adapter. A plain record so bootstrap can fill it from {@code @ConfigMapping} and tests can
 * shorten everything.
 *
 * @param connectTimeout        TCP + TLS connect timeout
 * @param requestTimeout        timeout for one HTTP request (PVE's API answers synchronously; tasks are polled)
 * @param maxRequestsPerNode    concurrent HTTP requests to one node; more wait in a fair queue
 * @param maxTasksPerStorage    concurrent storage-allocating tasks (create with disks, resize, download, delete)
 *                              per node+storage; a slot is held until the task ends (seen by the task waiter or a
 *                              status poll) or {@code storageLeaseMax} passes
 * @param queueTimeout          how long a call may wait for a node/storage slot before failing with TIMEOUT
 * @param storageLeaseMax       upper bound for holding a storage slot when nobody observes the task's end
 * @param retryAttempts         extra attempts for idempotent calls after a retryable failure (0 = none)
 * @param retryBaseDelay        first backoff delay; doubles per attempt, full jitter
 * @param retryMaxDelay         backoff cap
 * @param ticketRenewAfter      renew a login ticket once it is this old (PVE tickets live 2 h)
 * @param ticketLifetime        PVE's ticket lifetime; an older ticket is not renewed but replaced by a fresh login
 * @param taskPollInitial       first task status poll interval
 * @param taskPollMax           poll interval cap (backoff x1.5)
 * @param freshUpidGrace        how long a task may answer 400/404 ("not visible yet") before that counts as failure
 * @param taskLogTailLines      lines of the task log put into a TASK_FAILED message
 */
public record PveClientConfig(Duration connectTimeout, Duration requestTimeout, int maxRequestsPerNode,
                              int maxTasksPerStorage, Duration queueTimeout, Duration storageLeaseMax,
                              int retryAttempts, Duration retryBaseDelay, Duration retryMaxDelay,
                              Duration ticketRenewAfter, Duration ticketLifetime, Duration taskPollInitial,
                              Duration taskPollMax, Duration freshUpidGrace, int taskLogTailLines) {

    public PveClientConfig {
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(requestTimeout);
        Objects.requireNonNull(queueTimeout);
        Objects.requireNonNull(storageLeaseMax);
        Objects.requireNonNull(retryBaseDelay);
        Objects.requireNonNull(retryMaxDelay);
        Objects.requireNonNull(ticketRenewAfter);
        Objects.requireNonNull(ticketLifetime);
        Objects.requireNonNull(taskPollInitial);
        Objects.requireNonNull(taskPollMax);
        Objects.requireNonNull(freshUpidGrace);
        if (maxRequestsPerNode < 1 || maxTasksPerStorage < 1) {
            throw new IllegalArgumentException("concurrency limits must be >= 1");
        }
        if (retryAttempts < 0 || taskLogTailLines < 0) {
            throw new IllegalArgumentException("negative retry/log settings");
        }
        if (ticketRenewAfter.compareTo(ticketLifetime) >= 0) {
            throw new IllegalArgumentException("ticketRenewAfter must be shorter than ticketLifetime");
        }
    }

    public static PveClientConfig defaults() {
        return new PveClientConfig(Duration.ofSeconds(10), Duration.ofSeconds(60), 8, 2, Duration.ofMinutes(5),
                Duration.ofMinutes(30), 3, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(60),
                Duration.ofHours(2), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10), 20);
    }

    public PveClientConfig withRequestTimeout(Duration d) {
        return new PveClientConfig(connectTimeout, d, maxRequestsPerNode, maxTasksPerStorage, queueTimeout,
                storageLeaseMax, retryAttempts, retryBaseDelay, retryMaxDelay, ticketRenewAfter, ticketLifetime,
                taskPollInitial, taskPollMax, freshUpidGrace, taskLogTailLines);
    }

    public PveClientConfig withLimits(int perNode, int perStorage) {
        return new PveClientConfig(connectTimeout, requestTimeout, perNode, perStorage, queueTimeout,
                storageLeaseMax, retryAttempts, retryBaseDelay, retryMaxDelay, ticketRenewAfter, ticketLifetime,
                taskPollInitial, taskPollMax, freshUpidGrace, taskLogTailLines);
    }

    public PveClientConfig withRetries(int attempts, Duration base, Duration max) {
        return new PveClientConfig(connectTimeout, requestTimeout, maxRequestsPerNode, maxTasksPerStorage,
                queueTimeout, storageLeaseMax, attempts, base, max, ticketRenewAfter, ticketLifetime,
                taskPollInitial, taskPollMax, freshUpidGrace, taskLogTailLines);
    }

    public PveClientConfig withTickets(Duration renewAfter, Duration lifetime) {
        return new PveClientConfig(connectTimeout, requestTimeout, maxRequestsPerNode, maxTasksPerStorage,
                queueTimeout, storageLeaseMax, retryAttempts, retryBaseDelay, retryMaxDelay, renewAfter, lifetime,
                taskPollInitial, taskPollMax, freshUpidGrace, taskLogTailLines);
    }

    public PveClientConfig withTaskPolling(Duration initial, Duration max, Duration grace) {
        return new PveClientConfig(connectTimeout, requestTimeout, maxRequestsPerNode, maxTasksPerStorage,
                queueTimeout, storageLeaseMax, retryAttempts, retryBaseDelay, retryMaxDelay, ticketRenewAfter,
                ticketLifetime, initial, max, grace, taskLogTailLines);
    }

    public PveClientConfig withQueueing(Duration queueWait, Duration leaseMax) {
        return new PveClientConfig(connectTimeout, requestTimeout, maxRequestsPerNode, maxTasksPerStorage,
                queueWait, leaseMax, retryAttempts, retryBaseDelay, retryMaxDelay, ticketRenewAfter, ticketLifetime,
                taskPollInitial, taskPollMax, freshUpidGrace, taskLogTailLines);
    }
}
