package com.pveams.application.service;

import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.port.out.scheduling.JobLeases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeasedClusterJobsTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final RecordingLeases leases = new RecordingLeases();
    private final LeasedClusterJobs jobs = new LeasedClusterJobs(leases, clock, new ReplicaIdentity("replica-a"));

    @Test
    void takesTheLeaseForThePeriodMinusSlackAndRecordsSuccess() {
        int[] runs = {0};
        assertTrue(jobs.runExclusively("housekeeping", Duration.ofHours(1), () -> {
            runs[0]++;
            clock.now = clock.now.plusSeconds(3);
        }));
        assertEquals(1, runs[0]);
        assertEquals(List.of("acquire housekeeping replica-a 2026-06-01T00:00:00Z..2026-06-01T00:59:00Z",
                "finished housekeeping replica-a 2026-06-01T00:00:03Z true"), leases.calls);
    }

    @Test
    void doesNotRunWithoutTheLease() {
        leases.held.put("housekeeping", Instant.parse("2026-06-01T00:30:00Z"));
        int[] runs = {0};
        assertFalse(jobs.runExclusively("housekeeping", Duration.ofHours(1), () -> runs[0]++));
        assertEquals(0, runs[0]);
        assertEquals(1, leases.calls.size(), "no finish is recorded for a run that did not happen");
    }

    @Test
    void aFailingTaskIsRecordedAsFailedAndItsExceptionPropagates() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> jobs.runExclusively("secret-rotation", Duration.ofMinutes(10), () -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertEquals("finished secret-rotation replica-a 2026-06-01T00:00:00Z false", leases.calls.get(1));
    }

    @Test
    void theSameReplicaRunsAgainInTheNextPeriodEvenIfItsTimerFiresEarly() {
        assertTrue(jobs.runExclusively("housekeeping", Duration.ofHours(1), () -> { }));
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertFalse(jobs.runExclusively("housekeeping", Duration.ofHours(1), () -> { }));
        // the next firing comes a few seconds short of a full period after the last start
        clock.now = Instant.parse("2026-06-01T00:59:55Z");
        assertTrue(jobs.runExclusively("housekeeping", Duration.ofHours(1), () -> { }));
    }

    /** Same rule as the SQL adapter: free when there is no lease or it ended at or before now. */
    static final class RecordingLeases implements JobLeases {
        final Map<String, Instant> held = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean tryAcquire(String job, String owner, Instant now, Instant until) {
            calls.add("acquire " + job + " " + owner + " " + now + ".." + until);
            Instant current = held.get(job);
            if (current != null && current.isAfter(now)) {
                return false;
            }
            held.put(job, until);
            return true;
        }

        @Override
        public void finished(String job, String owner, Instant at, boolean succeeded) {
            calls.add("finished " + job + " " + owner + " " + at + " " + succeeded);
        }
    }

    static final class HandClock extends Clock {
        Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
