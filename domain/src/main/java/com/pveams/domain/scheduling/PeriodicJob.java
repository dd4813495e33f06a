package com.pveams.domain.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A background job that must run on one replica per period. Whoever starts a run holds the job's lease until
 * {@link #leaseUntil(Instant)}; nobody else starts it before then.
 *
 * <p>The lease ends a little before a full period: every replica's scheduler fires once per period, but a firing
 * can start late (a busy executor), so the holder's next firing may come a moment sooner after its previous start
 * than a whole period. A lease of exactly one period would then make that firing miss and skip a whole period.
 */
public record PeriodicJob(String name, Duration period) {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,63}$");
    private static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    private static final Duration MAX_SLACK = Duration.ofMinutes(1);

    public PeriodicJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("job name must be lower-case letters, digits and dashes: " + name);
        }
        if (period.compareTo(MIN_PERIOD) < 0) {
            throw new IllegalArgumentException("job period must be at least " + MIN_PERIOD + ": " + period);
        }
    }

    /** Tolerance for a late firing: a tenth of the period, at most a minute. */
    public Duration slack() {
        Duration tenth = period.dividedBy(10);
        return tenth.compareTo(MAX_SLACK) > 0 ? MAX_SLACK : tenth;
    }

    /** End of the lease of a run started at {@code start}. */
    public Instant leaseUntil(Instant start) {
        return start.plus(period).minus(slack());
    }
}
