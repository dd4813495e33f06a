package com.pveams.application.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Power operations: {@code gracefulShutdown} is how long PVE waits for the guest to shut down on {@code stop}
 * before it powers it off; the expiry job starts at most {@code expiryBatch} stops (and as many deletes) per run.
 * {@code autoDeleteAfter} is how long a VM stays expired before the expiry job deletes it; zero (the default) never
 * deletes, because a customer who pays late expects to find the VM again.
 */
public record VmPowerPolicy(Duration gracefulShutdown, int expiryBatch, Duration autoDeleteAfter) {
    public VmPowerPolicy {
        if (gracefulShutdown == null || gracefulShutdown.isNegative() || gracefulShutdown.toSeconds() > 3600) {
            throw new IllegalArgumentException("gracefulShutdown must be between 0 and 1 hour");
        }
        if (expiryBatch < 1) {
            throw new IllegalArgumentException("expiryBatch must be at least 1");
        }
        if (autoDeleteAfter == null || autoDeleteAfter.isNegative()) {
            throw new IllegalArgumentException("autoDeleteAfter must be zero (off) or positive");
        }
    }

    /** VMs that expired before the returned instant are deleted; empty when auto-delete is off. */
    public Optional<Instant> autoDeleteExpiredBefore(Instant now) {
        return autoDeleteAfter.isZero() ? Optional.empty() : Optional.of(now.minus(autoDeleteAfter));
    }
}
