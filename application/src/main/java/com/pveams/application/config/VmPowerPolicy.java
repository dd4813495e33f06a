package com.pveams.application.config;

import java.time.Duration;

/**
 * Power operations: {@code gracefulShutdown} is how long PVE waits for the guest to shut down on {@code stop}
 * before it powers it off; the expiry job starts at most {@code expiryBatch} stops per run.
 */
public record VmPowerPolicy(Duration gracefulShutdown, int expiryBatch) {
    public VmPowerPolicy {
        if (gracefulShutdown == null || gracefulShutdown.isNegative() || gracefulShutdown.toSeconds() > 3600) {
            throw new IllegalArgumentException("gracefulShutdown must be between 0 and 1 hour");
        }
        if (expiryBatch < 1) {
            throw new IllegalArgumentException("expiryBatch must be at least 1");
        }
    }
}
