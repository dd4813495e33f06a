package com.pveams.application.service;

import com.pveams.application.config.CredentialCachePolicy;
import com.pveams.application.port.out.CredentialChangeFeed;
import com.pveams.domain.access.Admin;
import com.pveams.domain.access.ApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Stored credentials kept in memory for a short while, so authenticating a call does not read the database.
 * <ul>
 *   <li>Only what exists is kept: an unknown appid is looked up every time, so random appids cannot fill memory.</li>
 *   <li>An entry lives at most the policy's lifetime, counted from before its row was read.</li>
 *   <li>The change feed drops an entry as soon as any replica changes it, and everything when the feed
 *       (re)connects; while the feed is down nothing is kept, so revocation never waits for the lifetime then.</li>
 * </ul>
 * Entries are fresh objects from the repository that only the authentication checks read; nothing mutates them.
 */
@Singleton
public class CredentialCache implements CredentialChangeFeed.Listener {
    private final Clock clock;
    private final Duration ttl;
    private final Shelf<String, ApiKey> apiKeys = new Shelf<>();
    private final Shelf<Long, Admin> admins = new Shelf<>();
    /**
     * Moves on every invalidation. A load that overlapped one is not kept: it may have read the row before the
     * change was committed, and its invalidation may already have passed.
     */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean feedConnected;

    @Inject
    public CredentialCache(Clock clock, CredentialCachePolicy policy, CredentialChangeFeed feed) {
        this.clock = clock;
        this.ttl = policy.ttl();
        feed.subscribe(this); // last: the feed may call back at once
    }

    /** The API key with this appid, from memory when a recent copy is known, else through {@code load}. */
    public Optional<ApiKey> apiKey(String appId, Function<String, Optional<ApiKey>> load) {
        return apiKeys.get(appId, load);
    }

    /** The admin with this id, from memory when a recent copy is known, else through {@code load}. */
    public Optional<Admin> admin(long adminId, Function<Long, Optional<Admin>> load) {
        return admins.get(adminId, load);
    }

    @Override
    public void apiKeyChanged(String appId) {
        generation.incrementAndGet();
        apiKeys.drop(appId);
    }

    @Override
    public void adminChanged(long adminId) {
        generation.incrementAndGet();
        admins.drop(adminId);
    }

    @Override
    public void everythingChanged() {
        generation.incrementAndGet();
        apiKeys.clear();
        admins.clear();
    }

    /** Whether changes are being announced right now; only then is anything kept in memory. */
    public boolean feedConnected() {
        return feedConnected;
    }

    @Override
    public void connected() {
        everythingChanged();
        feedConnected = true;
    }

    @Override
    public void disconnected() {
        feedConnected = false; // before the generation moves: a load that sees the new generation sees this too
        everythingChanged();
    }

    private static final class Entry<V> {
        final V value;
        final Instant expiresAt;

        Entry(V value, Instant expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }
    }

    private final class Shelf<K, V> {
        private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

        Optional<V> get(K key, Function<K, Optional<V>> load) {
            Instant now = clock.instant();
            Entry<V> known = entries.get(key);
            if (known != null && now.isBefore(known.expiresAt)) {
                return Optional.of(known.value);
            }
            long seen = generation.get();
            boolean keep = feedConnected && !ttl.isZero();
            Optional<V> loaded = load.apply(key);
            if (keep && loaded.isPresent()) {
                Entry<V> fresh = new Entry<>(loaded.get(), now.plus(ttl));
                entries.put(key, fresh);
                if (generation.get() != seen) {
                    entries.remove(key, fresh);
                }
            } else if (known != null) {
                entries.remove(key, known);
            }
            return loaded;
        }

        void drop(K key) {
            entries.remove(key);
        }

        void clear() {
            entries.clear();
        }
    }
}
