package com.pveams.application.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a verified credential may be served from memory. The change feed drops entries at once; this lifetime
 * only bounds how stale an entry can get when a change notification is missed. Zero turns the cache off.
 */
public record CredentialCachePolicy(Duration ttl) {
    /** Longer lifetimes would let a revoked credential live on for minutes after a missed notification. */
    public static final Duration MAX_TTL = Duration.ofMinutes(1);

    public CredentialCachePolicy {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("the credential cache lifetime must be between 0 and " + MAX_TTL + ", was " + ttl);
        }
    }
}
