package com.pveams.application.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a node's access (its endpoints, secrets decrypted) may be served from memory, and how many nodes are kept.
 * Writes drop entries at once (in-process and through the change feed); the lifetime only bounds how stale an entry
 * can get when a change notification is missed. A zero lifetime or size turns the cache off.
 */
public record NodeCachePolicy(Duration ttl, int maxEntries) {
    /** Longer lifetimes would let a changed password or pin live on for minutes after a missed notification. */
    public static final Duration MAX_TTL = Duration.ofMinutes(5);

    public NodeCachePolicy {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("the node cache lifetime must be between 0 and " + MAX_TTL + ", was " + ttl);
        }
        if (maxEntries < 0) {
            throw new IllegalArgumentException("the node cache size must not be negative, was " + maxEntries);
        }
    }

    public boolean enabled() {
        return !ttl.isZero() && maxEntries > 0;
    }
}
