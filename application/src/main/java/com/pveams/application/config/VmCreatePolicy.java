package com.pveams.application.config;

import java.time.Duration;

/**
 * How long the public create waits for its VM to be built before it answers with the VM still creating (status
 * 6). Zero answers at once.
 */
public record VmCreatePolicy(Duration maxWait) {
    public VmCreatePolicy {
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }
}
