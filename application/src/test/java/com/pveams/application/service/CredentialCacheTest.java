package com.pveams.application.service;

import com.pveams.application.config.CredentialCachePolicy;
import com.pveams.domain.access.Admin;
import com.pveams.domain.access.ApiKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialCacheTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration TTL = Duration.ofSeconds(5);

    final MovableClock clock = new MovableClock(T0);
    final ManualCredentialFeed feed = new ManualCredentialFeed();
    final CredentialCache cache = new CredentialCache(clock, new CredentialCachePolicy(TTL), feed);
    /** Every appid the "database" was asked for, in order. */
    final List<String> reads = new ArrayList<>();
    final Function<String, Optional<ApiKey>> database = appId -> {
        reads.add(appId);
        return appId.startsWith("missing") ? Optional.empty() : Optional.of(key(appId, true));
    };

    @BeforeEach
    void feedIsUp() {
        feed.listener.connected();
    }

    static ApiKey key(String appId, boolean enabled) {
        return new ApiKey(1L, appId, "0".repeat(64), "abcd", null, enabled, T0);
    }

    @Test
    void aKnownKeyIsServedFromMemoryUntilItsLifetimeEnds() {
        ApiKey first = cache.apiKey("1001", database).orElseThrow();
        assertEquals(first, cache.apiKey("1001", database).orElseThrow());
        clock.advance(TTL.minusMillis(1));
        cache.apiKey("1001", database);
        assertEquals(List.of("1001"), reads);
        clock.advance(Duration.ofMillis(1));
        cache.apiKey("1001", database);
        assertEquals(List.of("1001", "1001"), reads);
        cache.apiKey("1001", database);
        assertEquals(2, reads.size(), "the reloaded copy is kept for a new lifetime");
    }

    @Test
    void aChangeDropsOnlyThatKeyAtOnce() {
        cache.apiKey("1001", database);
        cache.apiKey("1002", database);
        feed.listener.apiKeyChanged("1001");
        cache.apiKey("1001", database);
        cache.apiKey("1002", database);
        assertEquals(List.of("1001", "1002", "1001"), reads);
    }

    @Test
    void adminsAreKeptAndDroppedTheSameWay() {
        List<Long> adminReads = new ArrayList<>();
        Function<Long, Optional<Admin>> admins = id -> {
            adminReads.add(id);
            return Optional.of(new Admin(id, "admin" + id, "hash", 1, null, null, null, T0, null));
        };
        cache.admin(1, admins);
        cache.admin(2, admins);
        cache.admin(1, admins);
        feed.listener.adminChanged(1);
        cache.admin(1, admins);
        cache.admin(2, admins);
        assertEquals(List.of(1L, 2L, 1L), adminReads);
    }

    @Test
    void unknownAppIdsAreNeverKept() {
        assertTrue(cache.apiKey("missing-1", database).isEmpty());
        assertTrue(cache.apiKey("missing-1", database).isEmpty());
        assertEquals(List.of("missing-1", "missing-1"), reads);
    }

    @Test
    void aKeyThatDisappearsIsNotServedFromAnExpiredCopy() {
        boolean[] deleted = {false};
        Function<String, Optional<ApiKey>> db = appId -> deleted[0] ? Optional.empty() : Optional.of(key(appId, true));
        assertTrue(cache.apiKey("1001", db).isPresent());
        deleted[0] = true;
        clock.advance(TTL);
        assertTrue(cache.apiKey("1001", db).isEmpty());
        assertTrue(cache.apiKey("1001", db).isEmpty());
    }

    @Test
    void nothingIsKeptWhileTheFeedIsDown() {
        feed.listener.disconnected();
        cache.apiKey("1001", database);
        cache.apiKey("1001", database);
        assertEquals(2, reads.size());
        feed.listener.connected();
        cache.apiKey("1001", database);
        cache.apiKey("1001", database);
        assertEquals(3, reads.size());
    }

    @Test
    void beforeTheFeedFirstConnectsNothingIsKept() {
        CredentialCache fresh = new CredentialCache(clock, new CredentialCachePolicy(TTL), new ManualCredentialFeed());
        fresh.apiKey("1001", database);
        fresh.apiKey("1001", database);
        assertEquals(2, reads.size());
    }

    @Test
    void reconnectingOrATruncatedTableForgetsEverything() {
        cache.apiKey("1001", database);
        feed.listener.connected();
        cache.apiKey("1001", database);
        feed.listener.everythingChanged();
        cache.apiKey("1001", database);
        assertEquals(3, reads.size());
    }

    @Test
    void aReadOverlappingAChangeIsNotKept() {
        // The notification arrives while the row is being read: the row read may predate the change.
        Function<String, Optional<ApiKey>> racing = appId -> {
            reads.add(appId);
            feed.listener.apiKeyChanged(appId);
            return Optional.of(key(appId, true));
        };
        cache.apiKey("1001", racing);
        cache.apiKey("1001", database);
        cache.apiKey("1001", database);
        assertEquals(List.of("1001", "1001"), reads);
    }

    @Test
    void aZeroLifetimeTurnsTheCacheOff() {
        CredentialCache off = new CredentialCache(clock, new CredentialCachePolicy(Duration.ZERO), feed);
        feed.listener.connected();
        off.apiKey("1001", database);
        off.apiKey("1001", database);
        assertEquals(2, reads.size());
    }

    @Test
    void lifetimesBeyondAMinuteOrNegativeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CredentialCachePolicy(Duration.ofMinutes(2)));
        assertThrows(IllegalArgumentException.class, () -> new CredentialCachePolicy(Duration.ofSeconds(-1)));
    }
}
