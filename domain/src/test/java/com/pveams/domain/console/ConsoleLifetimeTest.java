package com.pveams.domain.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleLifetimeTest {
    private static final Instant OPENED = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void endsTheSettingAfterItsOpening() {
        ConsoleLifetime life = new ConsoleLifetime(OPENED, Duration.ofMinutes(5));
        assertEquals(Instant.parse("2026-01-01T10:05:00Z"), life.endsAt());
        assertFalse(life.endedAt(OPENED));
        assertFalse(life.endedAt(OPENED.plus(Duration.ofMinutes(5)).minusMillis(1)));
        assertTrue(life.endedAt(OPENED.plus(Duration.ofMinutes(5))));
        assertTrue(life.endedAt(OPENED.plus(Duration.ofHours(3))));
    }

    @Test
    void refusesAnEmptyOrNegativeLifetime() {
        assertThrows(IllegalArgumentException.class, () -> new ConsoleLifetime(OPENED, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ConsoleLifetime(OPENED, Duration.ofMinutes(-1)));
        assertThrows(IllegalArgumentException.class, () -> new ConsoleLifetime(OPENED, null));
    }
}
