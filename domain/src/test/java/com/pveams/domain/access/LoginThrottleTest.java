package com.pveams.domain.access;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(10), 1000);

    @Test
    void locksAUsernameAfterItsLimitAndReleasesWhenTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.retryAfter("alice", "1.1.1.1", T0).isEmpty());
            throttle.recordFailure("alice", "1.1.1.1", T0.plusSeconds(i));
        }
        Duration wait = throttle.retryAfter("alice", "2.2.2.2", T0.plusSeconds(3)).orElseThrow();
        assertEquals(Duration.ofSeconds(597), wait);
        assertTrue(throttle.retryAfter("alice", "2.2.2.2", T0.plus(Duration.ofMinutes(10)).plusSeconds(1)).isEmpty());
        assertTrue(throttle.retryAfter("bob", "1.1.1.1", T0.plusSeconds(3)).isEmpty(), "other users from the same address are not locked yet");
    }

    @Test
    void locksAnAddressSprayingManyUsernames() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, "9.9.9.9", T0.plusSeconds(i));
        }
        assertTrue(throttle.retryAfter("fresh-user", "9.9.9.9", T0.plusSeconds(6)).isPresent());
        assertTrue(throttle.retryAfter("fresh-user", "8.8.8.8", T0.plusSeconds(6)).isEmpty());
    }

    @Test
    void successClearsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 2; i++) {
            throttle.recordFailure("carol", "3.3.3.3", T0);
        }
        throttle.recordSuccess("carol");
        throttle.recordFailure("carol", "3.3.3.3", T0);
        throttle.recordFailure("carol", "3.3.3.3", T0);
        assertTrue(throttle.retryAfter("carol", "4.4.4.4", T0).isEmpty(), "username count restarted after success");
        throttle.recordFailure("dave", "3.3.3.3", T0);
        assertTrue(throttle.retryAfter("erin", "3.3.3.3", T0).isPresent(), "address kept all five failures");
    }
}
