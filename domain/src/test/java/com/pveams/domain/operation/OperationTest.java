package com.pveams.domain.operation;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final StepPolicy POLICY = new StepPolicy(Duration.ofSeconds(1), Duration.ofSeconds(20), 0.5,
            Duration.ofMillis(50), Duration.ofSeconds(2));

    /** A new operation as the store writes it: PENDING, the first step due now, the others not runnable yet. */
    private static Operation fresh(String... kinds) {
        return fresh(5, kinds);
    }

    private static Operation fresh(int maxAttempts, String... kinds) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            steps.add(Step.restore(100 + i, i, kinds[i], StepStatus.PENDING, 0, maxAttempts, 0, null, null,
                    i == 0 ? T0 : null, null, null, null, null, null, null, Map.of()));
        }
        return Operation.restore(1, "TEST_OP", 7L, 3L, OperationStatus.PENDING, Map.of(), null, "system", null,
                T0, T0, null, steps);
    }

    private static Step.Claim claim(Operation op, int ordinal, String owner, Instant now) {
        return op.claim(100 + ordinal, owner, now, now.plus(LEASE)).orElseThrow();
    }

    private static Operation.Recorded record(Operation op, int ordinal, String owner, StepOutcome outcome, Instant now) {
        return op.record(100 + ordinal, owner, outcome, now, POLICY, 0.0);
    }

    private static Step step(Operation op, int ordinal) {
        return op.steps().get(ordinal);
    }

    @Test
    void stepsRunInOrderAndTheLastOneEndsTheOperation() {
        Operation op = fresh("A", "B", "C".repeat(2));
        assertTrue(op.claim(101, "w", T0, T0.plus(LEASE)).isEmpty(), "the second step is not runnable yet");
        claim(op, 0, "w", T0);
        assertEquals(OperationStatus.RUNNING, op.status(), "the first claim starts the operation");
        assertEquals(StepStatus.RUNNING, step(op, 0).status());
        assertEquals(1, step(op, 0).attempts());

        Operation.Recorded r = record(op, 0, "w", StepOutcome.done(Map.of("vmid", 101)), T0.plusSeconds(1));
        assertTrue(r.accepted());
        assertEquals(T0.plusSeconds(1), r.nextRunAfter(), "the next step is due at once: no polling delay");
        assertEquals(StepStatus.DONE, step(op, 0).status());
        assertNull(step(op, 0).leaseOwner());
        assertEquals(Map.of(0, Map.of("vmid", 101)), op.outputsBefore(1));

        claim(op, 1, "w", T0.plusSeconds(1));
        record(op, 1, "w", StepOutcome.done(), T0.plusSeconds(2));
        claim(op, 2, "other", T0.plusSeconds(2));
        r = record(op, 2, "other", StepOutcome.done(), T0.plusSeconds(3));
        assertEquals(OperationStatus.SUCCEEDED, r.finishedAs());
        assertEquals(OperationStatus.SUCCEEDED, op.status());
        assertEquals(T0.plusSeconds(3), op.finishedAt());
        assertNull(r.nextRunAfter());
    }

    @Test
    void transientFailuresBackOffExponentiallyUpToTheCapThenFail() {
        Operation op = fresh(5, "A");
        Instant now = T0;
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            claim(op, 0, "w", now);
            record(op, 0, "w", StepOutcome.retryLater(null, "PVE 500"), now);
            assertEquals(StepStatus.PENDING, step(op, 0).status());
            assertEquals("PVE 500", step(op, 0).error());
            waits.add(Duration.between(now, step(op, 0).runAfter()));
            assertTrue(op.claim(100, "w", step(op, 0).runAfter().minusMillis(1), now.plus(LEASE)).isEmpty(), "not before its time");
            now = step(op, 0).runAfter();
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), waits);
        claim(op, 0, "w", now);
        assertEquals(5, step(op, 0).attempts());
        Operation.Recorded r = record(op, 0, "w", StepOutcome.retryLater(null, "PVE 500"), now);
        assertEquals(OperationStatus.FAILED, r.finishedAs(), "no attempts left: the retry counts as a failure");
        assertEquals(StepStatus.FAILED, step(op, 0).status());
        assertTrue(op.error().contains("gave up after 5 attempts: PVE 500"), op.error());
    }

    @Test
    void backoffHasJitterACapAndHonoursAHandlersLongerWait() {
        assertEquals(Duration.ofSeconds(1), POLICY.retryDelay(1, null, 0));
        assertEquals(Duration.ofMillis(500), POLICY.retryDelay(1, null, 1));
        // jitter takes off up to half
        for (double r : new double[]{0, 0.25, 0.5, 0.75, 0.99}) {
            Duration d = POLICY.retryDelay(3, null, r);
            assertTrue(d.compareTo(Duration.ofSeconds(2)) >= 0 && d.compareTo(Duration.ofSeconds(4)) <= 0, d.toString());
        }
        assertEquals(Duration.ofSeconds(20), POLICY.retryDelay(30, null, 0), "capped");
        assertEquals(Duration.ofSeconds(20), POLICY.retryDelay(Integer.MAX_VALUE, null, 0), "no overflow");
        assertEquals(Duration.ofSeconds(45), POLICY.retryDelay(1, Duration.ofSeconds(45), 0), "the handler may ask for more");
        assertEquals(Duration.ofHours(1), POLICY.retryDelay(1, Duration.ofDays(2), 0), "but not for days");
    }

    @Test
    void waitingForATaskRecordsTheUpidPollsAdaptivelyAndCostsNoAttempt() {
        Operation op = fresh(2, "IMPORT", "START");
        claim(op, 0, "w", T0);
        String upid = "UPID:pve1:0000C0DE:0001:6500:qmimport:101:root@pam:";
        record(op, 0, "w", StepOutcome.waitForTask(upid), T0);
        Step s = step(op, 0);
        assertEquals(StepStatus.PENDING, s.status());
        assertEquals(upid, s.upid());
        assertEquals(0, s.attempts(), "waiting is not an attempt");
        assertEquals(T0.plusMillis(50), s.runAfter(), "the first look comes fast");
        for (int i = 0; i < 20; i++) {
            Instant now = s.runAfter();
            claim(op, 0, "w", now);
            record(op, 0, "w", StepOutcome.waitForTask(upid), now);
        }
        assertEquals(0, s.attempts());
        assertEquals(T0, s.waitingSince());
        Duration lastWait = Duration.between(op.updatedAt(), s.runAfter());
        assertTrue(lastWait.compareTo(Duration.ofMillis(50)) > 0 && lastWait.compareTo(Duration.ofSeconds(2)) <= 0, lastWait.toString());
        claim(op, 0, "w", s.runAfter());
        record(op, 0, "w", StepOutcome.done(), s.runAfter());
        assertEquals(upid, s.upid(), "kept for the record");
        assertNull(s.waitingSince());
    }

    @Test
    void aPermanentFailureUndoesTheDoneStepsNewestFirst() {
        Operation op = fresh("A", "B", "C", "D");
        Instant now = T0;
        for (int i = 0; i < 2; i++) {
            claim(op, i, "w", now);
            record(op, i, "w", StepOutcome.done(), now);
        }
        claim(op, 2, "w", now);
        Operation.Recorded r = record(op, 2, "w", StepOutcome.fail("storage full"), now);
        assertFalse(r.finished());
        assertEquals(OperationStatus.COMPENSATING, op.status());
        assertEquals(StepStatus.FAILED, step(op, 2).status());
        assertEquals(StepStatus.SKIPPED, step(op, 3).status(), "a step after the failure never runs");
        assertEquals(StepStatus.COMPENSATING, step(op, 1).status(), "the newest done step is undone first");
        assertEquals(StepStatus.DONE, step(op, 0).status(), "the older one waits for its turn");
        assertEquals("step 2 C: storage full", op.error());

        assertTrue(op.claim(100, "w", now, now.plus(LEASE)).isEmpty());
        claim(op, 1, "w", now);
        assertEquals(1, step(op, 1).undoAttempts());
        assertEquals(1, step(op, 1).attempts(), "the forward attempts stay on record");
        record(op, 1, "w", StepOutcome.done(), now);
        assertEquals(StepStatus.COMPENSATED, step(op, 1).status());
        assertEquals(StepStatus.COMPENSATING, step(op, 0).status());
        claim(op, 0, "w", now);
        r = record(op, 0, "w", StepOutcome.done(), now);
        assertEquals(OperationStatus.FAILED, r.finishedAs());
        assertEquals(now, op.finishedAt());
    }

    @Test
    void aFailingFirstStepFailsTheOperationAtOnce() {
        Operation op = fresh("A", "B");
        claim(op, 0, "w", T0);
        assertEquals(OperationStatus.FAILED, record(op, 0, "w", StepOutcome.fail("bad image"), T0).finishedAs());
        assertEquals(StepStatus.SKIPPED, step(op, 1).status());
    }

    @Test
    void anUndoThatFailsIsRecordedAndTheOlderStepsAreStillUndone() {
        Operation op = fresh(1, "A", "B", "C");
        claim(op, 0, "w", T0);
        record(op, 0, "w", StepOutcome.done(), T0);
        claim(op, 1, "w", T0);
        record(op, 1, "w", StepOutcome.done(), T0);
        claim(op, 2, "w", T0);
        record(op, 2, "w", StepOutcome.fail("boom"), T0);
        claim(op, 1, "w", T0);
        record(op, 1, "w", StepOutcome.retryLater(null, "node down"), T0);
        assertEquals(StepStatus.FAILED, step(op, 1).status(), "one attempt allowed: the undo gives up");
        assertEquals(StepStatus.COMPENSATING, step(op, 0).status());
        claim(op, 0, "w", T0);
        assertEquals(OperationStatus.FAILED, record(op, 0, "w", StepOutcome.done(), T0).finishedAs());
        assertEquals("step 2 C: boom; undo of step 1 B failed: gave up after 1 attempts: node down", op.error());
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheLateAnswerIgnored() {
        Operation op = fresh("A", "B");
        claim(op, 0, "dead", T0);
        assertTrue(op.claim(100, "b", T0.plus(LEASE).minusMillis(1), T0.plus(LEASE.multipliedBy(2))).isEmpty(),
                "a live lease is not taken");
        Step.Claim c = claim(op, 0, "b", T0.plus(LEASE));
        assertTrue(c.takeover());
        assertFalse(c.exhausted());
        assertEquals(2, step(op, 0).attempts(), "the lost run counts as an attempt");
        assertFalse(record(op, 0, "dead", StepOutcome.done(), T0.plus(LEASE)).accepted(), "the old owner's answer is ignored");
        assertEquals(StepStatus.RUNNING, step(op, 0).status());
        assertTrue(record(op, 0, "b", StepOutcome.done(), T0.plus(LEASE)).accepted());
    }

    @Test
    void onlyTheHolderRenewsALeaseAndNeverShortensIt() {
        Operation op = fresh("A");
        claim(op, 0, "w", T0);
        assertTrue(op.renewLease(100, "w", T0.plusSeconds(50)));
        assertEquals(T0.plusSeconds(50), step(op, 0).leaseUntil());
        assertTrue(op.renewLease(100, "w", T0.plusSeconds(40)));
        assertEquals(T0.plusSeconds(50), step(op, 0).leaseUntil());
        assertFalse(op.renewLease(100, "other", T0.plusSeconds(90)));
        claim(op, 0, "other", T0.plusSeconds(50));
        assertFalse(op.renewLease(100, "w", T0.plusSeconds(90)), "lost to a takeover");
    }

    @Test
    void aTakeoverWithNoAttemptsLeftIsExhausted() {
        Operation op = fresh(2, "A");
        claim(op, 0, "w1", T0);
        claim(op, 0, "w2", T0.plus(LEASE));
        Step.Claim c = claim(op, 0, "w3", T0.plus(LEASE.multipliedBy(2)));
        assertTrue(c.exhausted(), "a step that keeps killing its worker must end");
        assertEquals(2, step(op, 0).attempts(), "never beyond the maximum (the database checks it)");
    }

    @Test
    void aRetryAfterWaitingStartsAfreshWithoutTheOldTask() {
        Operation op = fresh("A");
        claim(op, 0, "w", T0);
        record(op, 0, "w", StepOutcome.waitForTask("UPID:n:1:2:3:qmcreate:101:root@pam:"), T0);
        claim(op, 0, "w", step(op, 0).runAfter());
        record(op, 0, "w", StepOutcome.retryLater(Duration.ZERO, "task failed: lock timeout"), step(op, 0).runAfter());
        assertNull(step(op, 0).upid());
        assertNull(step(op, 0).waitingSince());
    }

    @Test
    void plansAreValidated() {
        DomainException e = assertThrows(DomainException.class,
                () -> NewOperation.of("CREATE_VM", 1L, 1, Map.of("rootPassword", "x"), "system", "A1"));
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals("params.rootPassword", e.field().orElseThrow());
        assertEquals("params.cloudInit.cipassword", assertThrows(DomainException.class, () -> NewOperation.of("CREATE_VM",
                1L, 1, Map.of("cloudInit", Map.of("cipassword", "x")), "system", "A1")).field().orElseThrow());
        assertEquals("type", assertThrows(DomainException.class,
                () -> NewOperation.of("create-vm", 1L, 1, Map.of(), "system", "A1")).field().orElseThrow());
        assertEquals("kind", assertThrows(DomainException.class,
                () -> NewOperation.of("CREATE_VM", 1L, 1, Map.of(), "system", "a")).field().orElseThrow());
        assertEquals("steps", assertThrows(DomainException.class,
                () -> NewOperation.of("CREATE_VM", 1L, 1, Map.of(), "system")).field().orElseThrow());
        assertEquals("nodeId", assertThrows(DomainException.class,
                () -> NewOperation.of("CREATE_VM", 1L, 0, Map.of(), "system", "A1")).field().orElseThrow());
        assertEquals("params.when", assertThrows(DomainException.class,
                () -> NewOperation.of("CREATE_VM", 1L, 1, Map.of("when", new Object()), "system", "A1")).field().orElseThrow());
        assertEquals("output.token", assertThrows(DomainException.class,
                () -> StepOutcome.done(Map.of("token", "t"))).field().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> StepOutcome.waitForTask("not-a-upid"));
        assertEquals(2000, ((StepOutcome.Fail) StepOutcome.fail("x".repeat(5000))).reason().length());
    }

    @Test
    void searchFiltersAreParsedAndNamedWhenWrong() {
        assertEquals(new OperationSearch(OperationStatus.FAILED, "CREATE_VM", 5L), OperationSearch.of("failed", "create_vm", " 5 "));
        assertEquals(OperationSearch.ALL, OperationSearch.of("", null, " "));
        assertEquals("status", assertThrows(DomainException.class, () -> OperationSearch.of("DONE", null, null)).field().orElseThrow());
        assertEquals("vmId", assertThrows(DomainException.class, () -> OperationSearch.of(null, null, "x")).field().orElseThrow());
        assertEquals("vmId", assertThrows(DomainException.class, () -> OperationSearch.of(null, null, "0")).field().orElseThrow());
        assertEquals("type", assertThrows(DomainException.class, () -> OperationSearch.of(null, "a-b", null)).field().orElseThrow());
    }
}
