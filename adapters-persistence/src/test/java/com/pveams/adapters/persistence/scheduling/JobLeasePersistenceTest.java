package com.pveams.adapters.persistence.scheduling;

import com.pveams.adapters.persistence.support.HandClock;
import com.pveams.adapters.persistence.support.MigratedDatabase;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.service.LeasedClusterJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two "replicas" (separate adapters and owner ids) sharing one PostgreSQL and a hand-moved clock. */
class JobLeasePersistenceTest {
    private static final Duration PERIOD = Duration.ofMinutes(10);
    private static MigratedDatabase db;

    private final HandClock clock = new HandClock(Instant.parse("2026-06-01T00:00:00Z"));
    private LeasedClusterJobs replicaA;
    private LeasedClusterJobs replicaB;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void startDatabase() {
        db = MigratedDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void twoReplicas() {
        db.query("DELETE FROM job_lease");
        replicaA = new LeasedClusterJobs(new JobLeasePersistenceAdapter(db.dataSource()), clock, new ReplicaIdentity("replica-a"));
        replicaB = new LeasedClusterJobs(new JobLeasePersistenceAdapter(db.dataSource()), clock, new ReplicaIdentity("replica-b"));
    }

    @Test
    void exactlyOneReplicaRunsTheJobInEachPeriod() {
        for (int period = 0; period < 4; period++) {
            int before = runs.get();
            // both schedulers fire, in either order, a few times within the period
            boolean a = replicaA.runExclusively("housekeeping", PERIOD, runs::incrementAndGet);
            boolean b = replicaB.runExclusively("housekeeping", PERIOD, runs::incrementAndGet);
            clock.advance(Duration.ofMinutes(4));
            assertFalse(replicaB.runExclusively("housekeeping", PERIOD, runs::incrementAndGet));
            assertFalse(replicaA.runExclusively("housekeeping", PERIOD, runs::incrementAndGet));
            assertTrue(a ^ b, "period " + period + ": exactly one of the replicas runs it");
            assertEquals(before + 1, runs.get());
            clock.advance(PERIOD.minus(Duration.ofMinutes(4)));
        }
        assertEquals(4, runs.get());
    }

    @Test
    void jobsHaveIndependentLeases() {
        assertTrue(replicaA.runExclusively("housekeeping", PERIOD, runs::incrementAndGet));
        assertTrue(replicaB.runExclusively("secret-rotation", PERIOD, runs::incrementAndGet));
        assertEquals(2, runs.get());
    }

    @Test
    void replicasRacingAtTheSameInstantRunItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int period = 0; period < 5; period++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    LeasedClusterJobs replica = new LeasedClusterJobs(new JobLeasePersistenceAdapter(db.dataSource()),
                            clock, new ReplicaIdentity("replica-" + i));
                    Callable<Boolean> attempt = () -> {
                        go.await();
                        return replica.runExclusively("node-monitor", PERIOD, runs::incrementAndGet);
                    };
                    attempts.add(pool.submit(attempt));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : attempts) {
                    winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "period " + period);
                clock.advance(PERIOD);
            }
            assertEquals(5, runs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCrashedOwnersLeaseRunsOutAndAnotherReplicaTakesOver() {
        JobLeasePersistenceAdapter leasesOfA = new JobLeasePersistenceAdapter(db.dataSource());
        Instant start = clock.instant();
        // replica A takes the lease and dies before it finishes: no finish is ever recorded
        assertTrue(leasesOfA.tryAcquire("housekeeping", "replica-a", start, start.plus(PERIOD)));

        clock.advance(PERIOD.minusSeconds(1));
        assertFalse(replicaB.runExclusively("housekeeping", PERIOD, runs::incrementAndGet));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(replicaB.runExclusively("housekeeping", PERIOD, runs::incrementAndGet));

        assertEquals(1, runs.get());
        assertEquals("replica-b", db.query("SELECT owner FROM job_lease WHERE name = 'housekeeping'"));
        assertEquals("SUCCEEDED", db.query("SELECT last_outcome FROM job_lease WHERE name = 'housekeeping'"));
        // A's late report, if it ever came, would not touch B's row
        leasesOfA.finished("housekeeping", "replica-a", clock.instant(), false);
        assertEquals("SUCCEEDED", db.query("SELECT last_outcome FROM job_lease WHERE name = 'housekeeping'"));
    }

    @Test
    void theRowRecordsTheRunAndKeepsTheLeaseAfterItEnds() {
        assertTrue(replicaA.runExclusively("housekeeping", PERIOD, () -> clock.advance(Duration.ofSeconds(5))));
        assertEquals("replica-a", db.query("SELECT owner FROM job_lease WHERE name = 'housekeeping'"));
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), instant("last_run_at"));
        assertEquals(Instant.parse("2026-06-01T00:00:05Z"), instant("last_finished_at"));
        assertEquals(Instant.parse("2026-06-01T00:09:00Z"), instant("lease_until"), "period minus a tenth");
        assertFalse(replicaB.runExclusively("housekeeping", PERIOD, runs::incrementAndGet), "the lease outlives the run");
    }

    @Test
    void aFailedRunIsRecordedAndTheNextPeriodRunsAgain() {
        assertThrows(IllegalStateException.class, () -> replicaA.runExclusively("housekeeping", PERIOD, () -> {
            throw new IllegalStateException("database hiccup");
        }));
        assertEquals("FAILED", db.query("SELECT last_outcome FROM job_lease WHERE name = 'housekeeping'"));
        clock.advance(PERIOD);
        assertTrue(replicaB.runExclusively("housekeeping", PERIOD, runs::incrementAndGet));
        assertEquals("SUCCEEDED", db.query("SELECT last_outcome FROM job_lease WHERE name = 'housekeeping'"));
    }

    private static Instant instant(String column) {
        return ((java.sql.Timestamp) db.query("SELECT " + column + " FROM job_lease WHERE name = 'housekeeping'")).toInstant();
    }
}
