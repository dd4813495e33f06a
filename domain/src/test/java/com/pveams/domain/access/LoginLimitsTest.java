package com.pveams.domain.access;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginLimitsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final LoginLimits limits = new LoginLimits(3, 5, Duration.ofMinutes(10));

    private static List<Instant> at(long... secondsNewestFirst) {
        return java.util.Arrays.stream(secondsNewestFirst).mapToObj(T0::plusSeconds).toList();
    }

    @Test
    void allowsUntilTheUsernameLimitThenWaitsForTheOldestCountedFailure() {
        assertEquals(Optional.empty(), limits.retryAfter(at(2, 1), List.of(), T0.plusSeconds(3)));
        assertEquals(Optional.of(Duration.ofSeconds(597)), limits.retryAfter(at(2, 1, 0), List.of(), T0.plusSeconds(3)));
        assertEquals(Optional.empty(), limits.retryAfter(at(2, 1, 0), List.of(), T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void theAddressLimitAppliesAcrossUsernames() {
        assertEquals(Optional.empty(), limits.retryAfter(List.of(), at(4, 3, 2, 1), T0.plusSeconds(5)));
        assertEquals(Optional.of(Duration.ofSeconds(595)), limits.retryAfter(List.of(), at(4, 3, 2, 1, 0), T0.plusSeconds(5)));
    }

    @Test
    void theLongerOfBothWaitsWinsAndPartialSecondsRoundUp() {
        Optional<Duration> wait = limits.retryAfter(at(9, 8, 7), at(4, 3, 2, 1, 0), T0.plusSeconds(9).plusMillis(1));
        assertEquals(Optional.of(Duration.ofSeconds(598)), wait);
        assertEquals(T0.minus(Duration.ofMinutes(10)), limits.windowStart(T0));
    }

    @Test
    void nonsenseLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LoginLimits(0, 5, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LoginLimits(1, 5, Duration.ZERO));
    }
}
