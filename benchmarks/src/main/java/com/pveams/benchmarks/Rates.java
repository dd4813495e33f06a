package com.pveams.benchmarks;

import java.util.Arrays;

/** The small arithmetic of the figures: percentiles of samples, rates, the sustained-rate verdict. */
public final class Rates {
    private Rates() {
    }

    /** Nearest-rank percentile (p in 0..100) of the samples; the samples need not be sorted. */
    public static long percentile(long[] samples, double p) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p);
        }
        long[] s = samples.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, rank - 1)];
    }

    public static long max(long[] samples) {
        return Arrays.stream(samples).max().orElseThrow();
    }

    /** Events per minute over an elapsed time in nanoseconds. */
    public static double perMinute(long events, long elapsedNanos) {
        return perSecond(events, elapsedNanos) * 60.0;
    }

    public static double perSecond(long events, long elapsedNanos) {
        if (elapsedNanos <= 0) {
            throw new IllegalArgumentException("elapsed " + elapsedNanos);
        }
        return events * 1e9 / elapsedNanos;
    }

    /** The interval between sends of an open-model load at this rate. */
    public static long intervalNanos(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate " + perSecond);
        }
        return Math.max(1, Math.round(1e9 / perSecond));
    }

    /**
     * Whether a step of an open-model load kept up: every request answered successfully within the step's grace,
     * the completions came at (nearly) the offered rate, and the p99 latency (measured from the intended send time,
     * so a backlog counts) stayed under the bound.
     */
    public static boolean sustained(double offeredPerSecond, double completedPerSecond, long errors, long p99Nanos,
                                    long p99BoundNanos) {
        return errors == 0 && completedPerSecond >= 0.95 * offeredPerSecond && p99Nanos <= p99BoundNanos;
    }

    public static double millis(long nanos) {
        return nanos / 1e6;
    }

    public static double mib(long kib) {
        return kib / 1024.0;
    }
}
