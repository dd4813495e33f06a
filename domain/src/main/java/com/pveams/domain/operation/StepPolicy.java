package com.pveams.domain.operation;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a step waits before it runs again. Retries back off exponentially from {@code retryBase}, never beyond
 * {@code retryCap}, with jitter (a random share of up to {@code jitter} taken off) so that steps failing together
 * (a node restarting) do not come back together. Waiting for a PVE task polls fast at first (most tasks end within
 * a second) and slower the longer it takes, between {@code pollMin} and {@code pollMax}.
 */
public record StepPolicy(Duration retryBase, Duration retryCap, double jitter, Duration pollMin, Duration pollMax) {
    /** A handler may ask for a longer wait than the cap (PVE says "busy for a minute"), but not for a day. */
    static final Duration LONGEST_REQUESTED_WAIT = Duration.ofHours(1);

    public static final StepPolicy DEFAULT = new StepPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.5,
            Duration.ofMillis(50), Duration.ofSeconds(2));

    public StepPolicy {
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryCap, "retryCap");
        Objects.requireNonNull(pollMin, "pollMin");
        Objects.requireNonNull(pollMax, "pollMax");
        if (retryBase.isNegative() || retryBase.isZero() || retryCap.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("need 0 < retryBase <= retryCap");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
        if (pollMin.isNegative() || pollMin.isZero() || pollMax.compareTo(pollMin) < 0) {
            throw new IllegalArgumentException("need 0 < pollMin <= pollMax");
        }
    }

    /**
     * The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed transiently.
     *
     * @param requested the handler's least wait, or null
     * @param random    a uniformly random number in [0, 1)
     */
    public Duration retryDelay(int attempt, Duration requested, double random) {
        long base = retryBase.toMillis();
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long exponential = Math.min(retryCap.toMillis(), base > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : base << doublings);
        long jittered = Math.round(exponential * (1 - jitter * Math.max(0, Math.min(random, 1))));
        Duration delay = Duration.ofMillis(Math.max(1, jittered));
        if (requested != null && requested.compareTo(delay) > 0) {
            delay = requested.compareTo(LONGEST_REQUESTED_WAIT) > 0 ? LONGEST_REQUESTED_WAIT : requested;
        }
        return delay;
    }

    /** The wait before looking at a PVE task again that has run for {@code waited} so far: a fifth of it, bounded. */
    public Duration pollDelay(Duration waited) {
        Duration d = waited.isNegative() ? Duration.ZERO : waited.dividedBy(5);
        if (d.compareTo(pollMin) < 0) {
            return pollMin;
        }
        return d.compareTo(pollMax) > 0 ? pollMax : d;
    }
}
