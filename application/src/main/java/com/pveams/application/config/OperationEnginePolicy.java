package com.pveams.application.config;

import com.pveams.domain.operation.StepPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How this replica runs operation steps.
 *
 * @param workers    steps run at once here (platform threads: each may block on PVE or SSH)
 * @param lease      how long a claimed step is held without renewal; renewed every third of it while the step
 *                   runs, so a stopped worker's steps are taken over by another replica at most this long after
 * @param safetyPoll how often the database is searched for work nobody announced (expired leases, a missed
 *                   notification); the normal path never waits for it
 * @param steps      retry backoff and PVE task polling
 */
public record OperationEnginePolicy(int workers, Duration lease, Duration safetyPoll, StepPolicy steps) {
    public static final OperationEnginePolicy DEFAULT = new OperationEnginePolicy(8, Duration.ofSeconds(30),
            Duration.ofSeconds(5), StepPolicy.DEFAULT);

    public OperationEnginePolicy {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(safetyPoll, "safetyPoll");
        Objects.requireNonNull(steps, "steps");
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("operation workers must be between 1 and 256, was " + workers);
        }
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("the step lease must be at least 3s, was " + lease);
        }
        if (safetyPoll.isNegative() || safetyPoll.isZero()) {
            throw new IllegalArgumentException("the safety poll period must be positive, was " + safetyPoll);
        }
    }

    /** Renewal comes this often, so two missed renewals still leave the lease alive. */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }
}
