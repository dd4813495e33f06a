package com.pveams.application.config;

/** How the key-rotation job walks the encrypted columns: rows read and rewritten per statement. */
public record SecretRotationPolicy(int batchSize) {
    public SecretRotationPolicy {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("rotation batch size must be between 1 and 10000");
        }
    }
}
