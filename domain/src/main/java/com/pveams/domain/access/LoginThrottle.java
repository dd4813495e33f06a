package com.pveams.domain.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username and per client address in a sliding window. Once either key reaches the limit,
 * further attempts for it are refused until the oldest failure leaves the window: guessing passwords stays slow
 * whether an attacker rotates usernames or addresses.
 */
public final class LoginThrottle {
    private final int maxPerUsername;
    private final int maxPerAddress;
    private final Duration window;
    private final int maxTrackedKeys;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /**
     * @param maxPerUsername failures allowed for one username within the window
     * @param maxPerAddress failures allowed from one client address within the window (an office behind one NAT
     *                      shares it, so it is usually higher)
     */
    public LoginThrottle(int maxPerUsername, int maxPerAddress, Duration window, int maxTrackedKeys) {
        if (maxPerUsername < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits must be >= 1 and the window positive");
        }
        this.maxPerUsername = maxPerUsername;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.maxTrackedKeys = maxTrackedKeys;
    }

    /** How long the caller must wait before trying again, or empty when an attempt is allowed now. */
    public Optional<Duration> retryAfter(String username, String clientAddress, Instant now) {
        Duration wait = Duration.ZERO;
        for (String key : keys(username, clientAddress)) {
            Deque<Instant> q = failures.get(key);
            if (q == null) {
                continue;
            }
            synchronized (q) {
                prune(q, now);
                if (q.size() >= limit(key)) {
                    Duration w = Duration.between(now, q.peekFirst().plus(window));
                    if (w.compareTo(wait) > 0) {
                        wait = w;
                    }
                }
            }
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait.plusMillis(999).withNanos(0));
    }

    public void recordFailure(String username, String clientAddress, Instant now) {
        if (failures.size() >= maxTrackedKeys) {
            evictIdle(now);
        }
        for (String key : keys(username, clientAddress)) {
            Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                prune(q, now);
                q.addLast(now);
                while (q.size() > limit(key)) {
                    q.removeFirst();
                }
            }
        }
    }

    /** A successful login clears the username's record; the address keeps its count so spraying stays throttled. */
    public void recordSuccess(String username) {
        failures.remove("u:" + username);
    }

    private int limit(String key) {
        return key.startsWith("u:") ? maxPerUsername : maxPerAddress;
    }

    private String[] keys(String username, String clientAddress) {
        return new String[]{"u:" + (username == null ? "" : username), "a:" + (clientAddress == null ? "" : clientAddress)};
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.removeFirst();
        }
    }

    private void evictIdle(Instant now) {
        Iterator<Map.Entry<String, Deque<Instant>>> it = failures.entrySet().iterator();
        while (it.hasNext()) {
            Deque<Instant> q = it.next().getValue();
            synchronized (q) {
                prune(q, now);
                if (q.isEmpty()) {
                    it.remove();
                }
            }
        }
    }
}
