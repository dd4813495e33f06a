package com.pveams.application.operation;

import com.pveams.application.config.OperationEnginePolicy;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.port.out.operation.ClaimedStep;
import com.pveams.application.port.out.operation.OperationMetrics;
import com.pveams.application.port.out.operation.OperationSignals;
import com.pveams.application.port.out.operation.OperationStore;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.Step;
import com.pveams.domain.operation.StepOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Runs operation steps on this replica. Steps are claimed from the shared store with leases, so any number of
 * replicas share the work and a stopped one's steps are taken over once its leases run out.
 *
 * <p>No fixed polling delay on the normal path: a worker that finishes a step wakes the dispatcher, which claims
 * the next due step (the one just made runnable among them) at once; {@link OperationSignals} wakes it when another
 * replica started or advanced an operation; a timer wakes it when a retry or a task poll falls due. The slow safety
 * poll only finds expired leases and work whose signal was lost.
 *
 * <p>Threads: one dispatcher (claims, never runs handlers), a bounded pool of platform worker threads (handlers
 * block on PVE and SSH), and one timer (safety poll, lease renewal, due retries).
 */
@Singleton
public class OperationEngine {
    private static final System.Logger LOG = System.getLogger(OperationEngine.class.getName());

    private final OperationStore store;
    private final StepHandlers handlers;
    private final OperationSignals signals;
    private final OperationMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final OperationEnginePolicy policy;
    private final DoubleSupplier random;

    private final Semaphore freeWorkers;
    /** Steps this replica runs now (step id → operation id): their leases are renewed. */
    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    /** Wake requests since the dispatcher last looked; the dispatcher runs while this is non-zero. */
    private final AtomicInteger wakeRequests = new AtomicInteger();
    private ThreadPoolExecutor workers;
    private ThreadPoolExecutor dispatcher;
    private ScheduledThreadPoolExecutor timer;
    private volatile boolean started;

    @Inject
    public OperationEngine(OperationStore store, StepHandlers handlers, OperationSignals signals,
                           OperationMetrics metrics, Clock clock, ReplicaIdentity replica, OperationEnginePolicy policy) {
        this(store, handlers, signals, metrics, clock, replica, policy, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a chosen source of jitter, for tests. */
    public OperationEngine(OperationStore store, StepHandlers handlers, OperationSignals signals,
                           OperationMetrics metrics, Clock clock, ReplicaIdentity replica, OperationEnginePolicy policy,
                           DoubleSupplier random) {
        this.store = store;
        this.handlers = handlers;
        this.signals = signals;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = replica.id();
        this.policy = policy;
        this.random = random;
        this.freeWorkers = new Semaphore(policy.workers());
    }

    /** Starts the threads and looks for work. Idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        workers = new ThreadPoolExecutor(policy.workers(), policy.workers(), 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), threads("ams-op-worker"));
        dispatcher = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads("ams-op-dispatch"));
        timer = new ScheduledThreadPoolExecutor(1, threads("ams-op-timer"));
        timer.setRemoveOnCancelPolicy(true);
        started = true;
        signals.subscribe(this::wake);
        long poll = policy.safetyPoll().toMillis();
        timer.scheduleWithFixedDelay(this::safetyPoll, 0, poll, TimeUnit.MILLISECONDS);
        long renew = policy.renewEvery().toMillis();
        timer.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops claiming and waits up to {@code grace} for running steps; a step still running afterwards keeps its
     * lease until it runs out, and another replica takes it over from there.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            if (!started) {
                return;
            }
            started = false;
        }
        timer.shutdownNow();
        dispatcher.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Stopping with " + running.size()
                        + " operation steps still running; their leases will run out and another replica takes them over");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the dispatcher to claim due steps for the free workers. Cheap; safe from any thread. */
    public void wake() {
        if (started && wakeRequests.getAndIncrement() == 0) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (RejectedExecutionException stopping) {
                wakeRequests.set(0);
            }
        }
    }

    /** The owner id of this engine's leases. */
    public String owner() {
        return owner;
    }

    /** Steps running here now. */
    public Set<Long> runningSteps() {
        return Set.copyOf(running.keySet());
    }

    /** Extends the leases of the steps running here; a lease found lost is only logged (the late answer is ignored). */
    public void renewLeases() {
        if (running.isEmpty()) {
            return;
        }
        try {
            Set<Long> ids = Set.copyOf(running.keySet());
            Set<Long> kept = store.renewLeases(owner, ids, clock.instant().plus(policy.lease()));
            for (Long id : ids) {
                if (!kept.contains(id) && running.containsKey(id)) {
                    LOG.log(System.Logger.Level.WARNING, "Lost the lease of operation step " + id
                            + " while running it; another worker may have taken it over");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not renew the leases of running operation steps", e);
        }
    }

    /** What the slow timer does: counts the backlog and looks for work nobody announced. */
    public void safetyPoll() {
        try {
            metrics.queueDepth(store.queueDepth(clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not count the operation queue", e);
        }
        wake();
    }

    private void dispatch() {
        int seen;
        do {
            seen = wakeRequests.get();
            claimForFreeWorkers();
        } while (!wakeRequests.compareAndSet(seen, 0));
    }

    private void claimForFreeWorkers() {
        int free = freeWorkers.drainPermits();
        if (free == 0) {
            return; // a worker that finishes wakes the dispatcher again
        }
        List<ClaimedStep> claimed;
        try {
            Instant now = clock.instant();
            claimed = store.claim(owner, now, now.plus(policy.lease()), free);
        } catch (RuntimeException e) {
            freeWorkers.release(free);
            LOG.log(System.Logger.Level.WARNING, "Could not claim operation steps; the safety poll tries again", e);
            return;
        }
        freeWorkers.release(free - claimed.size());
        for (ClaimedStep step : claimed) {
            running.put(step.stepId(), step.operationId());
            try {
                workers.execute(() -> run(step));
            } catch (RejectedExecutionException stopping) {
                running.remove(step.stepId());
                freeWorkers.release();
            }
        }
    }

    private void run(ClaimedStep claimed) {
        Instant start = clock.instant();
        String kind = "unknown";
        boolean undo = false;
        try {
            Operation operation = store.find(claimed.operationId()).orElseThrow(
                    () -> new IllegalStateException("operation " + claimed.operationId() + " vanished"));
            Step step = operation.step(claimed.stepId()).orElseThrow(
                    () -> new IllegalStateException("step " + claimed.stepId() + " vanished"));
            kind = step.kind();
            undo = step.undoing();
            if (claimed.takeover()) {
                metrics.leaseTakeover(kind);
                LOG.log(System.Logger.Level.INFO, "Took over step " + step.ordinal() + " " + kind + " of operation "
                        + operation.id() + " after its lease ran out");
            }
            StepOutcome outcome = claimed.exhausted()
                    ? StepOutcome.fail("its worker stopped while " + (undo ? "undoing" : "running") + " it and no attempts are left")
                    : invoke(new StepContext(operation, step));
            Instant end = clock.instant();
            double jitter = random.getAsDouble();
            Operation.Recorded recorded = store.update(operation.id(),
                    current -> current.record(claimed.stepId(), owner, outcome, end, policy.steps(), jitter));
            metrics.stepFinished(kind, undo, recorded.accepted() ? outcomeName(outcome) : "lost", Duration.between(start, end));
            if (!recorded.accepted()) {
                LOG.log(System.Logger.Level.WARNING, "Step " + claimed.stepId() + " of operation " + operation.id()
                        + " finished after its lease was taken over; its result was discarded");
            }
            if (recorded.finished()) {
                metrics.operationFinished(operation.type(), recorded.finishedAs());
            }
            if (recorded.nextRunAfter() != null && recorded.nextRunAfter().isAfter(end)) {
                wakeAt(recorded.nextRunAfter());
            }
        } catch (RuntimeException e) {
            // Nothing was recorded: the lease runs out and the step is run again (idempotent), here or elsewhere.
            LOG.log(System.Logger.Level.ERROR, "Could not run or record operation step " + claimed.stepId()
                    + " (" + kind + "); it is retried when its lease runs out", e);
        } finally {
            running.remove(claimed.stepId());
            freeWorkers.release();
            wake();
        }
    }

    private StepOutcome invoke(StepContext context) {
        var handler = handlers.forKind(context.kind());
        if (handler.isEmpty()) {
            // During a rolling upgrade an older replica may claim a kind it does not know: leave it to another.
            return StepOutcome.retryLater(null, "no handler for step kind " + context.kind() + " on this replica");
        }
        try {
            StepOutcome outcome = context.undoing() ? handler.get().compensate(context) : handler.get().execute(context);
            return outcome == null ? StepOutcome.fail("the step handler gave no outcome") : outcome;
        } catch (DomainException rule) {
            return StepOutcome.fail(rule.render(true));
        } catch (RuntimeException e) {
            return StepOutcome.retryLater(null, "unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void wakeAt(Instant at) {
        // rounded up: a wake-up a fraction of a millisecond early finds the step not yet due, leaving it to the
        // safety poll
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis() + 1);
        try {
            timer.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stopped: another replica's safety poll finds the step
        }
    }

    private static String outcomeName(StepOutcome outcome) {
        if (outcome instanceof StepOutcome.Done) {
            return "done";
        }
        if (outcome instanceof StepOutcome.RetryLater) {
            return "retry";
        }
        return outcome instanceof StepOutcome.WaitForTask ? "wait" : "fail";
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
