package com.pveams.domain.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When an admin login may be attempted. Three counts over one sliding window, each aimed at a different attacker,
 * none of which lets a stranger keep the operator out:
 * <ul>
 *   <li>failures of one username from one client address: that address is refused for that username (guessing
 *       from one place). Another address is not affected, so the operator still logs in from his own;</li>
 *   <li>failures from one client address across usernames: that address is refused (spraying usernames);</li>
 *   <li>failures of one username across all addresses: past a ceiling, each further attempt must come a growing
 *       delay after the username's newest failure (doubling from {@code slowdownInitial} up to
 *       {@code slowdownMax}). A distributed guesser gets one try per delay, while the operator waits seconds at
 *       most instead of being locked out.</li>
 * </ul>
 * Every admitted attempt counts as a failure until it succeeds; refused attempts are not counted, so hammering a
 * refusal neither extends it nor slows anyone else. The attempts themselves are kept in the database, so every
 * replica applies the same counts.
 *
 * @param maxPerUsernameAndAddress failures allowed for one username from one client address within the window
 * @param maxPerAddress            failures allowed from one client address within the window (an office behind
 *                                 one NAT shares it, so it is usually higher)
 * @param slowdownAfter            failures of one username (all addresses) within the window before the delay starts
 */
public record LoginLimits(int maxPerUsernameAndAddress, int maxPerAddress, int slowdownAfter,
                          Duration slowdownInitial, Duration slowdownMax, Duration window) {
    public LoginLimits {
        if (maxPerUsernameAndAddress < 1 || maxPerAddress < 1 || slowdownAfter < 1) {
            throw new IllegalArgumentException("login limits must be >= 1");
        }
        if (!positive(window) || !positive(slowdownInitial) || !positive(slowdownMax)
                || slowdownMax.compareTo(slowdownInitial) < 0) {
            throw new IllegalArgumentException("the window and delays must be positive, the maximum delay at least the initial one");
        }
    }

    /** Failures older than this no longer count. */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * How long to wait before an attempt is admitted, or empty when it may be made now.
     * @param history the window's failures for the attempt's username and client address (see {@link LoginHistory})
     */
    public Optional<Duration> retryAfter(LoginHistory history, Instant now) {
        Duration wait = max(waitFor(history.usernameAtAddress(), maxPerUsernameAndAddress, now),
                waitFor(history.address(), maxPerAddress, now));
        if (history.newestUsernameFailure() != null) {
            Instant next = history.newestUsernameFailure().plus(slowdown(history.usernameFailures()));
            wait = max(wait, positivePart(Duration.between(now, next)));
        }
        return wait.isZero() ? Optional.empty() : Optional.of(roundUpToSeconds(wait));
    }

    /** The least time between two attempts on a username that failed this often within the window. */
    public Duration slowdown(int usernameFailures) {
        if (usernameFailures < slowdownAfter) {
            return Duration.ZERO;
        }
        Duration delay = slowdownInitial;
        for (int i = slowdownAfter; i < usernameFailures && delay.compareTo(slowdownMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(slowdownMax) > 0 ? slowdownMax : delay;
    }

    private Duration waitFor(List<Instant> newestFirst, int limit, Instant now) {
        if (newestFirst.size() < limit) {
            return Duration.ZERO;
        }
        // The limit-th newest failure has to leave the window before the count drops below the limit.
        return positivePart(Duration.between(now, newestFirst.get(limit - 1).plus(window)));
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static Duration positivePart(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Retry-After speaks whole seconds; rounding down would invite a retry that is refused again. */
    private static Duration roundUpToSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
