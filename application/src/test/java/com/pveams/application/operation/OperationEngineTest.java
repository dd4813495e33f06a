package com.pveams.application.operation;

import com.pveams.application.config.OperationEnginePolicy;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.port.out.operation.OperationMetrics;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationStatus;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.operation.StepPolicy;
import com.pveams.domain.operation.StepStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against an in-memory store: hand-off, retries on a hand-moved clock, compensation, leases. */
class OperationEngineTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    /** Long enough never to fire during a test: anything that happens was not caused by the poll. */
    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final StepPolicy STEPS = new StepPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5,
            Duration.ofMillis(50), Duration.ofSeconds(2));

    private final HandClock clock = new HandClock(T0);
    private final InMemoryOperationStore store = new InMemoryOperationStore();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private OperationEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.stop(Duration.ofSeconds(5));
        }
    }

    private void start(StepHandler... handlers) {
        engine = new OperationEngine(store, new StepHandlers(List.of(handlers)), store, new RecordingMetrics(),
                clock, new ReplicaIdentity("replica-a"), new OperationEnginePolicy(4, Duration.ofSeconds(30), NO_POLL, STEPS),
                () -> 0.0);
        engine.start();
    }

    private long submit(String... kinds) {
        return store.insert(NewOperation.of("TEST_OP", null, 1, Map.of("size", 10), "system", kinds), clock.instant());
    }

    /** The next engine event ("step KIND outcome", "operation TYPE STATUS"), waiting for it. */
    private String next() throws InterruptedException {
        String e = events.poll(60, TimeUnit.SECONDS);
        assertNotNull(e, "the engine did nothing");
        return e;
    }

    private static StepHandler handler(String kind, Function<StepContext, StepOutcome> run, Function<StepContext, StepOutcome> undo) {
        return new StepHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public StepOutcome execute(StepContext context) {
                return run.apply(context);
            }

            @Override
            public StepOutcome compensate(StepContext context) {
                return undo.apply(context);
            }
        };
    }

    private StepHandler recording(String kind) {
        return handler(kind, c -> {
            calls.add(kind + " sees " + c.earlierOutputs().keySet());
            return StepOutcome.done(Map.of("by", kind));
        }, c -> {
            calls.add("undo " + kind + " of " + c.output());
            return StepOutcome.done();
        });
    }

    @Test
    void threeStepsRunToSucceededEachHandedToTheNextWithoutPolling() throws Exception {
        start(recording("FIRST"), recording("SECOND"), recording("THIRD"));
        int pollsAtStart = awaitFirstPoll();
        long id = submit("FIRST", "SECOND", "THIRD");

        assertEquals("operation TEST_OP SUCCEEDED", skipSteps());
        assertEquals(List.of("FIRST sees []", "SECOND sees [0]", "THIRD sees [0, 1]"), calls);
        assertEquals(pollsAtStart, store.queueDepthCalls.get(), "no safety poll was involved");
        Operation op = store.get(id);
        assertEquals(OperationStatus.SUCCEEDED, op.status());
        assertTrue(op.steps().stream().allMatch(s -> s.status() == StepStatus.DONE && s.attempts() == 1));
        assertEquals(Map.of("by", "THIRD"), op.steps().get(2).output());
    }

    @Test
    void aTransientFailureIsRetriedAfterItsBackoffOnTheMovedClock() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        start(handler("FLAKY", c -> runs.incrementAndGet() <= 2
                ? StepOutcome.retryLater(null, "PVE answered 500") : StepOutcome.done(), c -> StepOutcome.done()));
        awaitFirstPoll();
        long id = submit("FLAKY");

        assertEquals("step FLAKY retry", next());
        assertEquals(T0.plusSeconds(1), store.get(id).steps().get(0).runAfter(), "1 s after the first failure");
        engine.wake();
        clock.advance(Duration.ofMillis(999));
        engine.wake();
        assertEquals(1, runs.get(), "not before its time");

        clock.advance(Duration.ofMillis(1));
        engine.wake();
        assertEquals("step FLAKY retry", next());
        assertEquals(T0.plusSeconds(3), store.get(id).steps().get(0).runAfter(), "then 2 s");
        assertEquals("PVE answered 500", store.get(id).steps().get(0).error());

        clock.advance(Duration.ofSeconds(2));
        engine.wake();
        assertEquals("step FLAKY done", next());
        assertEquals("operation TEST_OP SUCCEEDED", next());
        assertEquals(3, store.get(id).steps().get(0).attempts());
    }

    @Test
    void aPermanentFailureUndoesTheDoneStepsInReverseOrder() throws Exception {
        start(recording("FIRST"), recording("SECOND"),
                handler("BROKEN", c -> StepOutcome.fail("the image is corrupt"), c -> {
                    calls.add("undo BROKEN");
                    return StepOutcome.done();
                }), recording("NEVER"));
        awaitFirstPoll();
        long id = submit("FIRST", "SECOND", "BROKEN", "NEVER");

        assertEquals("operation TEST_OP FAILED", skipSteps());
        assertEquals(List.of("FIRST sees []", "SECOND sees [0]", "undo SECOND of {by=SECOND}", "undo FIRST of {by=FIRST}"), calls);
        Operation op = store.get(id);
        assertEquals("step 2 BROKEN: the image is corrupt", op.error());
        assertEquals(List.of(StepStatus.COMPENSATED, StepStatus.COMPENSATED, StepStatus.FAILED, StepStatus.SKIPPED),
                op.steps().stream().map(s -> s.status()).toList());
        assertNotNull(op.finishedAt());
    }

    @Test
    void handlerExceptionsAreRetriesAndBrokenRulesAreFailures() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        start(handler("THROWS", c -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("connection reset");
            }
            throw new DomainException(ErrorCode.CLOUD_IMAGE_NOT_EXIST);
        }, c -> StepOutcome.done()));
        awaitFirstPoll();
        long id = submit("THROWS");
        assertEquals("step THROWS retry", next());
        assertEquals("unexpected IllegalStateException: connection reset", store.get(id).steps().get(0).error());
        clock.advance(Duration.ofSeconds(1));
        engine.wake();
        assertEquals("step THROWS fail", next());
        assertEquals("operation TEST_OP FAILED", next());
        assertEquals("step 0 THROWS: Cloud Image does not exist", store.get(id).error());
    }

    @Test
    void aTaskWaitIsResumedWithTheRecordedUpid() throws Exception {
        String upid = "UPID:pve1:00001234:00005678:65000000:qmcreate:101:root@pam:";
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        start(handler("CREATE", c -> {
            seen.add(c.upid().orElse("none"));
            return c.upid().isEmpty() ? StepOutcome.waitForTask(upid) : StepOutcome.done(Map.of("vmid", 101));
        }, c -> StepOutcome.done()));
        awaitFirstPoll();
        long id = submit("CREATE");
        assertEquals("step CREATE wait", next());
        assertEquals(upid, store.get(id).steps().get(0).upid());
        clock.advance(Duration.ofMillis(50));
        engine.wake();
        assertEquals("step CREATE done", next());
        assertEquals(List.of("none", upid), seen);
        assertEquals(1, store.get(id).steps().get(0).attempts(), "waiting cost no attempt");
    }

    @Test
    void leasesOfRunningStepsAreRenewed() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(handler("LONG", c -> {
            running.countDown();
            await(release);
            return StepOutcome.done();
        }, c -> StepOutcome.done()));
        awaitFirstPoll();
        long id = submit("LONG");
        assertTrue(running.await(60, TimeUnit.SECONDS));
        assertEquals(T0.plusSeconds(30), store.get(id).steps().get(0).leaseUntil());
        clock.advance(Duration.ofSeconds(20));
        engine.renewLeases();
        assertEquals(T0.plusSeconds(50), store.get(id).steps().get(0).leaseUntil());
        release.countDown();
        assertEquals("step LONG done", next());
    }

    @Test
    void oneActiveOperationPerVm() {
        store.insert(NewOperation.of("TEST_OP", 9L, 1, Map.of(), "system", "FIRST"), T0);
        DomainException e = assertThrows(DomainException.class,
                () -> store.insert(NewOperation.of("TEST_OP", 9L, 1, Map.of(), "system", "FIRST"), T0));
        assertEquals(ErrorCode.VM_OPERATION_IN_PROGRESS, e.code());
    }

    @Test
    void twoHandlersForOneKindAreAWiringMistake() {
        assertThrows(IllegalStateException.class, () -> new StepHandlers(List.of(recording("SAME"), recording("SAME"))));
    }

    /** Waits for the start-up poll (which the engine does once) and returns how many polls there were. */
    private int awaitFirstPoll() throws InterruptedException {
        assertEquals("poll", next());
        return store.queueDepthCalls.get();
    }

    /** Skips step events and returns the operation event. */
    private String skipSteps() throws InterruptedException {
        String e;
        do {
            e = next();
        } while (e.startsWith("step "));
        return e;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class RecordingMetrics implements OperationMetrics {
        @Override
        public void operationFinished(String type, OperationStatus outcome) {
            events.add("operation " + type + " " + outcome);
        }

        @Override
        public void stepFinished(String kind, boolean undo, String outcome, Duration duration) {
            events.add("step " + kind + (undo ? " undo " : " ") + outcome);
        }

        @Override
        public void leaseTakeover(String kind) {
            events.add("takeover " + kind);
        }

        @Override
        public void queueDepth(long steps) {
            events.add("poll");
        }
    }

    static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
