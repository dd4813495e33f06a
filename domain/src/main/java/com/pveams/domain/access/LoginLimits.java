package com.pveams.domain.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How many failed logins are tolerated per username and per client address within a sliding window. Once either
 * reaches its limit, attempts are refused until enough failures have left the window: guessing passwords stays slow
 * whether an attacker rotates usernames or addresses. The failures themselves are kept in the database, so every
 * replica applies the same count.
 *
 * @param maxPerUsername failures allowed for one username within the window
 * @param maxPerAddress  failures allowed from one client address (an office behind one NAT shares it, so it is
 *                       usually higher)
 */
public record LoginLimits(int maxPerUsername, int maxPerAddress, Duration window) {
    public LoginLimits {
        if (maxPerUsername < 1 || maxPerAddress < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits must be >= 1 and the window positive");
        }
    }

    /** Failures older than this no longer count. */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * How long to wait before the next attempt, or empty when one is allowed now.
     * @param usernameFailures the newest failures of the username within the window, newest first, at most {@link #maxPerUsername}
     * @param addressFailures  the same for the client address, at most {@link #maxPerAddress}
     */
    public Optional<Duration> retryAfter(List<Instant> usernameFailures, List<Instant> addressFailures, Instant now) {
        Duration wait = max(waitFor(usernameFailures, maxPerUsername, now), waitFor(addressFailures, maxPerAddress, now));
        return wait.isZero() ? Optional.empty() : Optional.of(roundUpToSeconds(wait));
    }

    private Duration waitFor(List<Instant> newestFirst, int limit, Instant now) {
        if (newestFirst.size() < limit) {
            return Duration.ZERO;
        }
        // The limit-th newest failure has to leave the window before the count drops below the limit.
        Duration wait = Duration.between(now, newestFirst.get(limit - 1).plus(window));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration roundUpToSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
