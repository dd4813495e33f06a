package com.pveams.domain.access;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginLimitsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** 3 per username and address, 5 per address, delays from the 4th failure of a username on. */
    private final LoginLimits limits = new LoginLimits(3, 5, 4, Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofMinutes(10));

    private static List<Instant> at(long... secondsNewestFirst) {
        return Arrays.stream(secondsNewestFirst).mapToObj(T0::plusSeconds).toList();
    }

    private static LoginHistory pairAndAddress(List<Instant> pair, List<Instant> address) {
        return new LoginHistory(pair, address, 0, null);
    }

    private static LoginHistory username(int failures, Instant newest) {
        return new LoginHistory(List.of(), List.of(), failures, newest);
    }

    @Test
    void refusesTheUsernameAtTheAddressUntilTheOldestCountedFailureLeavesTheWindow() {
        assertEquals(Optional.empty(), limits.retryAfter(pairAndAddress(at(2, 1), at(2, 1)), T0.plusSeconds(3)));
        assertEquals(Optional.of(Duration.ofSeconds(597)),
                limits.retryAfter(pairAndAddress(at(2, 1, 0), at(2, 1, 0)), T0.plusSeconds(3)));
        // The window slides: once the oldest of the three is out, the address may try again.
        assertEquals(Optional.empty(),
                limits.retryAfter(pairAndAddress(at(2, 1, 0), at(2, 1, 0)), T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void theAddressLimitAppliesAcrossUsernames() {
        assertEquals(Optional.empty(), limits.retryAfter(pairAndAddress(List.of(), at(4, 3, 2, 1)), T0.plusSeconds(5)));
        assertEquals(Optional.of(Duration.ofSeconds(595)),
                limits.retryAfter(pairAndAddress(List.of(), at(4, 3, 2, 1, 0)), T0.plusSeconds(5)));
    }

    @Test
    void theUsernameAcrossAddressesIsSlowedNeverLocked() {
        assertEquals(Duration.ZERO, limits.slowdown(3));
        assertEquals(Duration.ofMillis(500), limits.slowdown(4));
        assertEquals(Duration.ofSeconds(1), limits.slowdown(5));
        assertEquals(Duration.ofSeconds(2), limits.slowdown(6));
        assertEquals(Duration.ofSeconds(4), limits.slowdown(7));
        assertEquals(Duration.ofSeconds(4), limits.slowdown(8));
        assertEquals(Duration.ofSeconds(4), limits.slowdown(Integer.MAX_VALUE));

        // Below the ceiling a username may be tried at once; above it, a delay after its newest failure.
        assertEquals(Optional.empty(), limits.retryAfter(username(3, T0), T0));
        assertEquals(Optional.of(Duration.ofSeconds(1)), limits.retryAfter(username(4, T0), T0));
        assertEquals(Optional.empty(), limits.retryAfter(username(4, T0), T0.plusMillis(500)));
        assertEquals(Optional.of(Duration.ofSeconds(2)), limits.retryAfter(username(6, T0), T0.plusMillis(1)));
        // However many failures: never more than the maximum delay after the newest one.
        assertEquals(Optional.of(Duration.ofSeconds(4)), limits.retryAfter(username(100_000, T0), T0));
        assertEquals(Optional.empty(), limits.retryAfter(username(100_000, T0), T0.plusSeconds(4)));
    }

    @Test
    void theLongestWaitWinsAndPartialSecondsRoundUp() {
        LoginHistory all = new LoginHistory(at(9, 8, 7), at(4, 3, 2, 1, 0), 100, T0.plusSeconds(9));
        assertEquals(Optional.of(Duration.ofSeconds(598)), limits.retryAfter(all, T0.plusSeconds(9).plusMillis(1)));
        assertEquals(Optional.of(Duration.ofSeconds(4)),
                limits.retryAfter(new LoginHistory(at(9), at(9), 100, T0.plusSeconds(9)), T0.plusSeconds(9).plusMillis(1)));
        assertEquals(T0.minus(Duration.ofMinutes(10)), limits.windowStart(T0));
    }

    @Test
    void nonsenseLimitsAndHistoriesAreRejected() {
        Duration s = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new LoginLimits(0, 5, 5, s, s, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LoginLimits(1, 5, 5, s, s, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new LoginLimits(1, 5, 0, s, s, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LoginLimits(1, 5, 5, s.multipliedBy(2), s, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LoginHistory(List.of(), List.of(), 2, null));
        assertThrows(IllegalArgumentException.class, () -> new LoginHistory(List.of(), List.of(), 0, T0));
    }
}
