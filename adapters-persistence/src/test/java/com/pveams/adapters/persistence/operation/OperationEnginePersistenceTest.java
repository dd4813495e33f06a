package com.pveams.adapters.persistence.operation;

import com.pveams.adapters.persistence.support.HandClock;
import com.pveams.adapters.persistence.support.MigratedDatabase;
import com.pveams.application.config.OperationEnginePolicy;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.operation.OperationEngine;
import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.operation.StepHandlers;
import com.pveams.application.port.out.operation.ClaimedStep;
import com.pveams.application.port.out.operation.OperationMetrics;
import com.pveams.application.port.out.operation.OperationSignals;
import com.pveams.domain.access.SecretFields;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationSearch;
import com.pveams.domain.operation.OperationStatus;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.operation.StepPolicy;
import com.pveams.domain.operation.StepStatus;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine on a real PostgreSQL: the store's SQL (claims with SKIP LOCKED, leases, takeovers), LISTEN/NOTIFY
 * between engines, and several engines with their own owner ids sharing one database like replicas.
 */
class OperationEnginePersistenceTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** Never fires during a test: progress comes from hand-offs and notifications only. */
    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final StepPolicy STEPS = new StepPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5,
            Duration.ofMillis(50), Duration.ofSeconds(2));
    private static MigratedDatabase db;
    private static long node;

    private final List<OperationEngine> engines = new ArrayList<>();
    private final List<PostgresOperationSignals> listeners = new ArrayList<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startDatabase() {
        db = MigratedDatabase.start();
        node = ((Number) db.query("INSERT INTO node (name, host, auth_mode, username, api_secret_enc, tls_trust_mode,"
                + " tls_fingerprint) VALUES ('pve1', 'pve1.example.net', 'PASSWORD', 'root', ?, 'PINNED', ?) RETURNING id",
                new byte[28], String.join(":", Collections.nCopies(32, "AB")))).longValue();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.query("DELETE FROM operation");
    }

    @AfterEach
    void stopEngines() {
        engines.forEach(e -> e.stop(Duration.ofSeconds(10)));
        listeners.forEach(PostgresOperationSignals::close);
    }

    private static OperationPersistenceAdapter store() {
        return new OperationPersistenceAdapter(db.dataSource());
    }

    private static long vm(int vmid) {
        return ((Number) db.query("INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc,"
                + " os_file_name, os_name, os_type, storage, system_disk_gb, bridge, expires_at) VALUES (?, ?, ?,"
                + " 'root', ?, 'debian-12.qcow2', 'debian-12', 'linux', 'local-lvm', 40, 'vmbr0', now() + interval '30 days')"
                + " RETURNING id", node, vmid, "vm-" + vmid + "-" + System.nanoTime() + ".example.net", new byte[28])).longValue();
    }

    private OperationEngine engine(String owner, Clock clock, int workers, StepHandler... handlers) {
        PostgresOperationSignals signals = new PostgresOperationSignals(() -> db.dataSource().getConnection());
        listeners.add(signals);
        return engine(owner, clock, workers, signals, handlers);
    }

    private OperationEngine engine(String owner, Clock clock, int workers, OperationSignals signals, StepHandler... handlers) {
        OperationEngine engine = new OperationEngine(store(), new StepHandlers(List.of(handlers)), signals, new Events(owner),
                clock, new ReplicaIdentity(owner), new OperationEnginePolicy(workers, LEASE, NO_POLL, STEPS), () -> 0.0);
        engines.add(engine);
        engine.start();
        return engine;
    }

    private String next() throws InterruptedException {
        String e = events.poll(60, TimeUnit.SECONDS);
        assertNotNull(e, "the engines did nothing");
        return e;
    }

    private String nextOperationEvent() throws InterruptedException {
        String e;
        do {
            e = next();
        } while (!e.contains(" operation "));
        return e;
    }

    private static StepHandler handler(String kind, Function<StepContext, StepOutcome> run,
                                       Function<StepContext, StepOutcome> undo) {
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

    @Test
    void anOperationIsStoredWithItsStepsAndReadBack() {
        long vm = vm(100);
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        long id = store().insert(new NewOperation("CREATE_VM", vm, node, Map.of("cores", 2, "disks", List.of(Map.of("gb", 20))),
                "admin:root", "key-1", List.of(NewOperation.StepPlan.of("CREATE_SHELL"), new NewOperation.StepPlan("START", 3))), now);

        Operation op = store().find(id).orElseThrow();
        assertEquals("CREATE_VM", op.type());
        assertEquals(vm, op.vmId());
        assertEquals(node, op.nodeId());
        assertEquals(OperationStatus.PENDING, op.status());
        assertEquals(Map.of("cores", 2, "disks", List.of(Map.of("gb", 20))), op.params());
        assertEquals("admin:root", op.requestedBy());
        assertEquals("key-1", op.idempotencyKey());
        assertEquals(now, op.createdAt());
        assertEquals(List.of("CREATE_SHELL", "START"), op.steps().stream().map(s -> s.kind()).toList());
        assertEquals(now, op.steps().get(0).runAfter());
        assertNull(op.steps().get(1).runAfter(), "not runnable before the first step is done");
        assertEquals(3, op.steps().get(1).maxAttempts());

        List<ClaimedStep> claimed = store().claim("w1", now, now.plus(LEASE), 10);
        assertEquals(List.of(new ClaimedStep(id, op.steps().get(0).id(), false, false)), claimed);
        assertEquals("RUNNING", db.query("SELECT status FROM operation WHERE id = ?", id), "the first claim starts it");
        assertEquals(List.of(), store().claim("w2", now, now.plus(LEASE), 10), "a held step is not claimed again");

        Operation.Recorded r = store().update(id, o -> o.record(claimed.get(0).stepId(), "w1",
                StepOutcome.done(Map.of("vmid", 101)), now.plusSeconds(1), STEPS, 0));
        assertTrue(r.accepted());
        Operation after = store().find(id).orElseThrow();
        assertEquals(StepStatus.DONE, after.steps().get(0).status());
        assertEquals(Map.of("vmid", 101), after.steps().get(0).output());
        assertEquals(now.plusSeconds(1), after.steps().get(1).runAfter());
        assertEquals(now, after.steps().get(0).startedAt());
        assertEquals(now.plusSeconds(1), after.steps().get(0).finishedAt());
        assertNull(db.query("SELECT lease_owner FROM operation_step WHERE id = ?", claimed.get(0).stepId()));
    }

    @Test
    void oneActiveOperationPerVmAndEachIdempotencyKeyOnce() throws SQLException {
        long vm = vm(200);
        Instant now = Instant.now();
        long first = store().insert(NewOperation.of("START_VM", vm, node, Map.of(), "system", "START"), now);

        DomainException busy = assertThrows(DomainException.class,
                () -> store().insert(NewOperation.of("STOP_VM", vm, node, Map.of(), "system", "STOP"), now));
        assertEquals(ErrorCode.VM_OPERATION_IN_PROGRESS, busy.code());
        assertEquals(1L, db.query("SELECT count(*) FROM operation WHERE vm_id = ?", vm), "nothing half-written");
        assertEquals(1L, db.query("SELECT count(*) FROM operation_step s JOIN operation o ON o.id = s.operation_id WHERE o.vm_id = ?", vm));

        // a failed insert inside a caller's transaction leaves that transaction usable (ON CONFLICT DO NOTHING)
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            var joined = new OperationPersistenceAdapter(new SingleConnectionDataSource(c));
            assertThrows(DomainException.class, () -> joined.insert(NewOperation.of("STOP_VM", vm, node, Map.of(), "system", "STOP"), now));
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            c.rollback();
        }

        store().insert(new NewOperation("START_VM", vm(201), node, Map.of(), "system", "same-key", List.of(NewOperation.StepPlan.of("START"))), now);
        DomainException reused = assertThrows(DomainException.class, () -> store().insert(new NewOperation("START_VM",
                vm(202), node, Map.of(), "system", "same-key", List.of(NewOperation.StepPlan.of("START"))), now));
        assertEquals("idempotencyKey", reused.field().orElseThrow());

        // once the first operation has ended, the VM takes a new one
        db.query("UPDATE operation SET status = 'SUCCEEDED', finished_at = now() WHERE id = ?", first);
        store().insert(NewOperation.of("STOP_VM", vm, node, Map.of(), "system", "STOP"), now);
    }

    @Test
    void theStepOutputCheckIsTheDomainsSecretRule() {
        String definition = (String) db.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck_operation_step_output'");
        assertTrue(definition.contains(SecretFields.pattern()), definition);
        long id = store().insert(NewOperation.of("START_VM", null, node, Map.of(), "system", "START"), Instant.now());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> db.query(
                "UPDATE operation_step SET output = '{\"nested\": {\"rootPassword\": \"x\"}}' WHERE operation_id = ?", id));
        assertTrue(refused.getCause().getMessage().contains("ck_operation_step_output"));
    }

    @Test
    void threeStepsRunToSucceededHandedOnWithoutPolling() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Function<String, StepHandler> recording = kind -> handler(kind, c -> {
            order.add(kind);
            return StepOutcome.done(Map.of("step", kind));
        }, c -> StepOutcome.done());
        engine("replica-a", Clock.systemUTC(), 2, recording.apply("ONE"), recording.apply("TWO"), recording.apply("THREE"));
        assertEquals("replica-a poll", next());

        long id = store().insert(NewOperation.of("TEST_OP", null, node, Map.of(), "system", "ONE", "TWO", "THREE"), Instant.now());
        assertEquals("replica-a operation TEST_OP SUCCEEDED", nextOperationEvent());
        assertEquals(List.of("ONE", "TWO", "THREE"), order);
        assertEquals("SUCCEEDED", db.query("SELECT status FROM operation WHERE id = ?", id));
        assertEquals(3L, db.query("SELECT count(*) FROM operation_step WHERE operation_id = ? AND status = 'DONE'"
                + " AND attempts = 1 AND lease_owner IS NULL AND finished_at >= started_at", id));
        assertNotNull(db.query("SELECT finished_at FROM operation WHERE id = ?", id));
    }

    @Test
    void aPermanentFailureUndoesTheDoneStepsInReverseOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Function<String, StepHandler> recording = kind -> handler(kind, c -> {
            order.add(kind);
            return StepOutcome.done();
        }, c -> {
            order.add("undo " + kind);
            return StepOutcome.done();
        });
        engine("replica-a", Clock.systemUTC(), 2, recording.apply("RESERVE"), recording.apply("CREATE"),
                handler("IMPORT", c -> StepOutcome.fail("checksum mismatch"), c -> StepOutcome.done()), recording.apply("START"));
        long id = store().insert(NewOperation.of("CREATE_VM", null, node, Map.of(), "system", "RESERVE", "CREATE", "IMPORT", "START"), Instant.now());
        assertEquals("replica-a operation CREATE_VM FAILED", nextOperationEvent());
        assertEquals(List.of("RESERVE", "CREATE", "undo CREATE", "undo RESERVE"), order);
        Operation op = store().find(id).orElseThrow();
        assertEquals("step 2 IMPORT: checksum mismatch", op.error());
        assertEquals(List.of(StepStatus.COMPENSATED, StepStatus.COMPENSATED, StepStatus.FAILED, StepStatus.SKIPPED),
                op.steps().stream().map(s -> s.status()).toList());
        assertEquals(List.of(1, 1, 0, 0), op.steps().stream().map(s -> s.undoAttempts()).toList());
    }

    @Test
    void aRetryWaitsForItsBackoffOnTheHandMovedClock() throws Exception {
        HandClock clock = new HandClock(Instant.parse("2026-06-01T00:00:00Z"));
        AtomicInteger runs = new AtomicInteger();
        OperationEngine engine = engine("replica-a", clock, 1, handler("FLAKY", c -> runs.incrementAndGet() == 1
                ? StepOutcome.retryLater(null, "PVE 500: lock timeout") : StepOutcome.done(), c -> StepOutcome.done()));
        assertEquals("replica-a poll", next());
        long id = store().insert(NewOperation.of("TEST_OP", null, node, Map.of(), "system", "FLAKY"), clock.instant());
        assertEquals("replica-a step FLAKY retry", next());
        assertEquals("PENDING", db.query("SELECT status FROM operation_step WHERE operation_id = ?", id));
        assertEquals("PVE 500: lock timeout", db.query("SELECT error FROM operation_step WHERE operation_id = ?", id));
        assertEquals(java.sql.Timestamp.from(clock.instant().plusSeconds(1)),
                db.query("SELECT run_after FROM operation_step WHERE operation_id = ?", id));
        clock.advance(Duration.ofSeconds(1));
        engine.wake();
        assertEquals("replica-a step FLAKY done", next());
        assertEquals("replica-a operation TEST_OP SUCCEEDED", next());
        assertEquals(2, runs.get());
    }

    @Test
    void twoEnginesRunThirtyOperationsAndNoStepRunsTwice() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, Set<String>> ranOn = new ConcurrentHashMap<>();
        Function<String, StepHandler> counting = kind -> handler(kind, c -> {
            runs.computeIfAbsent(c.operationId() + "/" + c.ordinal(), k -> new AtomicInteger()).incrementAndGet();
            ranOn.computeIfAbsent(Thread.currentThread().getName().startsWith("ams-op-worker") ? "pool" : "other",
                    k -> ConcurrentHashMap.newKeySet()).add(c.kind());
            return StepOutcome.done();
        }, c -> StepOutcome.done());
        engine("replica-a", Clock.systemUTC(), 3, counting.apply("ALPHA"), counting.apply("BETA"), counting.apply("GAMMA"));
        engine("replica-b", Clock.systemUTC(), 3, counting.apply("ALPHA"), counting.apply("BETA"), counting.apply("GAMMA"));

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(store().insert(NewOperation.of("TEST_OP", null, node, Map.of("n", i), "system", "ALPHA", "BETA", "GAMMA"), Instant.now()));
        }
        for (int i = 0; i < 30; i++) {
            String e = nextOperationEvent();
            assertTrue(e.endsWith("operation TEST_OP SUCCEEDED"), e);
        }
        assertEquals(90, runs.size(), "every step ran");
        runs.forEach((step, n) -> assertEquals(1, n.get(), "step " + step + " ran " + n.get() + " times"));
        assertEquals(Set.of("pool"), ranOn.keySet());
        assertEquals(30L, db.query("SELECT count(*) FROM operation WHERE status = 'SUCCEEDED' AND id = ANY(?)",
                (Object) ids.toArray(new Long[0])));
        assertEquals(90L, db.query("SELECT count(*) FROM operation_step WHERE attempts = 1 AND status = 'DONE'"));
        // how the work is shared depends on timing (both replicas hear every NOTIFY): only exclusivity is asserted
    }

    @Test
    void aStepWhoseWorkerDiedIsTakenOverAfterItsLeaseAndNotRepeated() throws Exception {
        HandClock clock = new HandClock(Instant.parse("2026-06-01T00:00:00Z"));
        // the "world" the handlers change: a VM created by a PVE task
        Set<String> world = ConcurrentHashMap.newKeySet();
        AtomicInteger creates = new AtomicInteger();
        AtomicInteger starts = new AtomicInteger();
        List<String> upidsSeen = Collections.synchronizedList(new ArrayList<>());
        String upid = "UPID:pve1:00001234:00005678:65000000:qmcreate:101:root@pam:";
        StepHandler create = handler("CREATE", c -> {
            upidsSeen.add(c.upid().orElse("none"));
            if (world.contains("vm 101")) {
                return StepOutcome.done(Map.of("vmid", 101)); // already there: nothing to repeat
            }
            creates.incrementAndGet();
            world.add("vm 101");
            return StepOutcome.waitForTask(upid);
        }, c -> StepOutcome.done());
        StepHandler start = handler("START", c -> {
            starts.incrementAndGet();
            return StepOutcome.done();
        }, c -> StepOutcome.done());

        long id = store().insert(NewOperation.of("CREATE_VM", null, node, Map.of(), "system", "CREATE", "START"), clock.instant());
        // replica "dead" claims the step, starts the PVE task, records its UPID, claims the wait and is killed
        OperationPersistenceAdapter deadStore = store();
        ClaimedStep claimed = deadStore.claim("dead", clock.instant(), clock.instant().plus(LEASE), 1).get(0);
        upidsSeen.add("none");
        creates.incrementAndGet();
        world.add("vm 101");
        deadStore.update(id, o -> o.record(claimed.stepId(), "dead", StepOutcome.waitForTask(upid), clock.instant(), STEPS, 0));
        clock.advance(Duration.ofMillis(50));
        assertEquals(1, deadStore.claim("dead", clock.instant(), clock.instant().plus(LEASE), 1).size());
        // ... and never answers

        OperationEngine survivor = engine("replica-b", clock, 2, create, start);
        assertEquals("replica-b poll", next());
        survivor.wake();
        clock.advance(LEASE.minusMillis(1));
        survivor.wake();
        assertEquals("RUNNING", db.query("SELECT status FROM operation_step WHERE id = ?", claimed.stepId()));
        assertEquals("dead", db.query("SELECT lease_owner FROM operation_step WHERE id = ?", claimed.stepId()),
                "a live lease is left alone");

        clock.advance(Duration.ofMillis(1));
        survivor.wake();
        assertEquals("replica-b takeover CREATE", next());
        assertEquals("replica-b step CREATE done", next());
        assertEquals("replica-b step START done", next());
        assertEquals("replica-b operation CREATE_VM SUCCEEDED", next());
        assertEquals(1, creates.get(), "the VM was created once");
        assertEquals(1, starts.get());
        assertEquals(List.of("none", upid), upidsSeen, "the survivor saw the recorded task");
        assertEquals(upid, db.query("SELECT upid FROM operation_step WHERE id = ?", claimed.stepId()));
        assertEquals(2, db.query("SELECT attempts FROM operation_step WHERE id = ?", claimed.stepId()),
                "the lost run counted, the wait did not");
    }

    @Test
    void theListIsNewestFirstAndFiltered() {
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        long vm = vm(300);
        long a = store().insert(NewOperation.of("CREATE_VM", vm, node, Map.of(), "system", "CREATE"), t);
        db.query("UPDATE operation SET status = 'FAILED', finished_at = now(), error = 'x' WHERE id = ?", a);
        db.query("UPDATE operation_step SET status = 'SKIPPED', run_after = NULL WHERE operation_id = ?", a);
        long b = store().insert(NewOperation.of("START_VM", vm, node, Map.of(), "system", "START"), t.plusSeconds(1));
        long c = store().insert(NewOperation.of("START_VM", null, node, Map.of(), "system", "START", "CHECK"), t.plusSeconds(2));

        Page<Operation> all = store().search(OperationSearch.ALL, new PageRequest(1, 2));
        assertEquals(3, all.total());
        assertEquals(List.of(c, b), all.records().stream().map(Operation::id).toList());
        assertEquals(2, all.records().get(0).steps().size(), "each with its steps");
        assertEquals(List.of(a), store().search(OperationSearch.of("failed", null, null), new PageRequest(1, 20))
                .records().stream().map(Operation::id).toList());
        assertEquals(List.of(c, b), store().search(OperationSearch.of(null, "START_VM", null), new PageRequest(1, 20))
                .records().stream().map(Operation::id).toList());
        assertEquals(List.of(b, a), store().search(OperationSearch.of(null, null, String.valueOf(vm)), new PageRequest(1, 20))
                .records().stream().map(Operation::id).toList());
        assertEquals(1, store().queueDepth(t.plusSeconds(1)), "b's step is due, c's not yet");
        assertFalse(store().find(Long.MAX_VALUE).isPresent());
    }

    private final class Events implements OperationMetrics {
        private final String owner;

        Events(String owner) {
            this.owner = owner;
        }

        @Override
        public void operationFinished(String type, OperationStatus outcome) {
            events.add(owner + " operation " + type + " " + outcome);
        }

        @Override
        public void stepFinished(String kind, boolean undo, String outcome, Duration duration) {
            events.add(owner + " step " + kind + (undo ? " undo " : " ") + outcome);
        }

        @Override
        public void leaseTakeover(String kind) {
            events.add(owner + " takeover " + kind);
        }

        @Override
        public void queueDepth(long steps) {
            events.add(owner + " poll");
        }
    }
}
