package com.pveams.domain.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeriodicJobTest {
    private final Instant start = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void leaseEndsATenthOfThePeriodEarlyForShortPeriods() {
        PeriodicJob job = new PeriodicJob("node-monitor", Duration.ofSeconds(30));
        assertEquals(start.plusSeconds(27), job.leaseUntil(start));
    }

    @Test
    void slackIsCappedAtAMinuteForLongPeriods() {
        PeriodicJob job = new PeriodicJob("housekeeping", Duration.ofHours(1));
        assertEquals(Duration.ofMinutes(1), job.slack());
        assertEquals(start.plus(Duration.ofMinutes(59)), job.leaseUntil(start));
    }

    @Test
    void namesAndPeriodsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new PeriodicJob("Housekeeping", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new PeriodicJob("a b", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new PeriodicJob("x".repeat(65), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new PeriodicJob("fast", Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> new PeriodicJob("negative", Duration.ofMinutes(-1)));
    }
}
