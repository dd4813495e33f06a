package com.pveams.application.service.vm;

import com.pveams.application.config.VmLivePolicy;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.in.vm.VmDetails.Live;
import com.pveams.application.port.in.vm.VmDetails.LiveProblem;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.RrdConsolidation;
import com.pveams.application.port.out.hypervisor.RrdPoint;
import com.pveams.application.port.out.hypervisor.RrdTimeframe;
import com.pveams.application.port.out.vm.VmReader.StoredVm;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.LoadHistory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches PVE's live data for the VMs of one request: each node is resolved once, then every call runs on a
 * bounded pool and all of them share one deadline ({@link VmLivePolicy#timeout()}); a call still running then is
 * interrupted and its VM shown with stored data. A node that failed is remembered for
 * {@link VmLivePolicy#nodeCooldown()} and not asked meanwhile, so a dead node costs one deadline, not one per page.
 * Calls to one node queued or running are bounded ({@link VmLivePolicy#nodeBacklog()}): under overload a node's
 * queue does not grow past what it can answer, a VM beyond it gets stored data at once ({@code NODE_BUSY}), and the
 * pool's queue is bounded by nodes × backlog. No database transaction is open while PVE is asked.
 * <p>
 * At the deadline a call that has not started is dropped, but one already talking to PVE is not interrupted at once:
 * interrupting a blocked HTTP exchange closes its kept-alive connection, and under load that turned every late
 * answer into a new TCP connect, TLS handshake and ticket check on the next call (measured: most of the service's CPU
 * in a list overload). It may finish within {@code lateCallGrace} (its answer is no longer used, but its connection
 * goes back to the pool); one still running then is interrupted, so a hung node holds pool threads for a bounded
 * time.
 */
@Singleton
public class VmLiveData {
    private static final System.Logger LOG = System.getLogger(VmLiveData.class.getName());

    private final NodeConnections nodes;
    private final HypervisorVms pve;
    private final VmLivePolicy policy;
    private final Clock clock;
    private final ExecutorService pool;
    private final Duration lateCallGrace;
    /** node id → until when it is not asked */
    private final Map<Long, Instant> resting = new ConcurrentHashMap<>();
    /** node id → our calls to it submitted and not yet finished (or dropped unstarted) */
    private final Map<Long, AtomicInteger> backlog = new ConcurrentHashMap<>();

    @Inject
    public VmLiveData(NodeConnections nodes, HypervisorVms pve, VmLivePolicy policy, Clock clock) {
        this(nodes, pve, policy, clock, policy.timeout());
    }

    /** {@code lateCallGrace}: how long a call still running at the deadline may go on before it is interrupted. */
    public VmLiveData(NodeConnections nodes, HypervisorVms pve, VmLivePolicy policy, Clock clock,
                      Duration lateCallGrace) {
        if (lateCallGrace == null || lateCallGrace.isNegative()) {
            throw new IllegalArgumentException("lateCallGrace must not be negative");
        }
        this.lateCallGrace = lateCallGrace;
        this.nodes = nodes;
        this.pve = pve;
        this.policy = policy;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(policy.parallelism(), policy.parallelism(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "vm-live-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    /** Live status of each VM, by VM id; every VM of the list gets an entry. */
    public Map<Long, Live> statuses(List<StoredVm> vms) {
        Map<Long, Target> targets = resolve(vms);
        List<Call<Map<String, Object>>> calls = new ArrayList<>();
        Map<Long, Live> result = new HashMap<>();
        for (StoredVm vm : vms) {
            Target t = targets.get(vm.nodeId());
            if (t == null || t.api == null) {
                result.put(vm.id(), standIn(vm, t == null ? LiveProblem.NODE_OFFLINE : t.problem));
            } else {
                Call<Map<String, Object>> c = admit(vm, t, () -> pve.vmStatusFields(t.api, vm.vmid()));
                if (c == null) {
                    result.put(vm.id(), standIn(vm, LiveProblem.NODE_BUSY));
                } else {
                    calls.add(c);
                }
            }
        }
        Map<Call<?>, Outcome<Map<String, Object>>> outcomes = runAll(calls);
        for (Call<Map<String, Object>> c : calls) {
            Outcome<Map<String, Object>> o = outcomes.get(c);
            result.put(c.vm.id(), o.value != null ? new Live(true, null, o.value) : standIn(c.vm, o.problem));
        }
        return result;
    }

    /** Status and RRD of one VM under one deadline; the RRD is empty when it could not be had. */
    public Snapshot snapshot(StoredVm vm, LoadHistory history) {
        Target t = resolve(List.of(vm)).get(vm.nodeId());
        if (t == null || t.api == null) {
            return new Snapshot(standIn(vm, t == null ? LiveProblem.NODE_OFFLINE : t.problem), List.of());
        }
        Call<Object> status = admit(vm, t, () -> pve.vmStatusFields(t.api, vm.vmid()));
        if (status == null) {
            return new Snapshot(standIn(vm, LiveProblem.NODE_BUSY), List.of());
        }
        Call<Object> rrd = admit(vm, t, () -> pve.vmRrd(t.api, vm.vmid(), timeframe(history), cf(history)));
        if (rrd == null) {
            status.release();
            return new Snapshot(standIn(vm, LiveProblem.NODE_BUSY), List.of());
        }
        Map<Call<?>, Outcome<Object>> o = runAll(List.of(status, rrd));
        Outcome<Object> s = o.get(status);
        Outcome<Object> r = o.get(rrd);
        @SuppressWarnings("unchecked")
        Live live = s.value != null ? new Live(true, null, (Map<String, Object>) s.value) : standIn(vm, s.problem);
        @SuppressWarnings("unchecked")
        List<RrdPoint> points = r.value != null ? (List<RrdPoint>) r.value : List.of();
        return new Snapshot(live, points);
    }

    /** RRD alone: there is no stored copy, so a node that does not answer in time is a refusal. */
    public List<RrdPoint> rrd(StoredVm vm, LoadHistory history) {
        Target t = resolve(List.of(vm)).get(vm.nodeId());
        if (t != null && t.api != null) {
            Call<List<RrdPoint>> call = admit(vm, t,
                    () -> pve.vmRrd(t.api, vm.vmid(), timeframe(history), cf(history)));
            Outcome<List<RrdPoint>> o = call == null ? new Outcome<>(null, LiveProblem.NODE_BUSY)
                    : runAll(List.of(call)).get(call);
            if (o.value != null) {
                return o.value;
            }
            if (o.problem == LiveProblem.VM_MISSING) {
                throw new DomainException(com.pveams.domain.error.ErrorCode.VM_NOT_EXIST, null,
                        "PVE 上不存在该虚拟机", "PVE does not know this VM");
            }
        }
        throw new DomainException(com.pveams.domain.error.ErrorCode.NODE_NOT_AVAILABLE, null,
                "节点未能及时响应", "The node did not answer in time");
    }

    public record Snapshot(Live status, List<RrdPoint> rrd) {
    }

    // ---------------------------------------------------------------------------------------------- internals

    /** A node to ask ({@code access}), or why it is not asked. */
    private record Target(long nodeId, NodeEndpoint api, LiveProblem problem) {
    }

    /** The page's nodes in one read (resting ones are not read at all). */
    private Map<Long, Target> resolve(List<StoredVm> vms) {
        Map<Long, Target> targets = new HashMap<>();
        Instant now = clock.instant();
        List<Long> toRead = new ArrayList<>();
        for (StoredVm vm : vms) {
            Long nodeId = vm.nodeId();
            if (nodeId == null || targets.containsKey(nodeId) || toRead.contains(nodeId)) {
                continue;
            }
            Instant until = resting.get(nodeId);
            if (until != null && now.isBefore(until)) {
                targets.put(nodeId, new Target(nodeId, null, LiveProblem.NODE_UNREACHABLE));
            } else {
                toRead.add(nodeId);
            }
        }
        Map<Long, NodeAccess> found = toRead.isEmpty() ? Map.of() : nodes.findAll(toRead);
        for (Long nodeId : toRead) {
            // deleted meanwhile, or its credentials cannot be decrypted: stored data, never a failed page
            NodeAccess access = found.get(nodeId);
            if (access == null || access.api().isEmpty()) {
                targets.put(nodeId, new Target(nodeId, null, LiveProblem.NODE_UNREACHABLE));
            } else if (!access.online()) {
                targets.put(nodeId, new Target(nodeId, null, LiveProblem.NODE_OFFLINE));
            } else {
                targets.put(nodeId, new Target(nodeId, access.api().get(), null));
            }
        }
        return targets;
    }

    /** A call counted against its node's backlog, or null when the node's backlog is full. */
    private <T> Call<T> admit(StoredVm vm, Target t, Callable<T> work) {
        AtomicInteger queued = backlog.computeIfAbsent(t.nodeId(), id -> new AtomicInteger());
        if (queued.incrementAndGet() > policy.nodeBacklog()) {
            queued.decrementAndGet();
            return null;
        }
        return new Call<>(vm, t, work, queued);
    }

    private static final class Call<T> implements Callable<T> {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DROPPED = 2;

        final StoredVm vm;
        final Target target;
        final Callable<T> work;
        /** QUEUED until a thread takes it (RUNNING) or the deadline drops it first (DROPPED): never both. */
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final AtomicInteger queued;
        private final AtomicBoolean released = new AtomicBoolean();

        Call(StoredVm vm, Target target, Callable<T> work, AtomicInteger queued) {
            this.vm = vm;
            this.target = target;
            this.work = work;
            this.queued = queued;
        }

        @Override
        public T call() throws Exception {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return null; // dropped at its request's deadline before it got a thread; nobody reads the answer
            }
            try {
                return work.call();
            } finally {
                release();
            }
        }

        /** Drops a call that has not started (it will not run and leaves the backlog); false if it is running. */
        boolean drop() {
            if (state.compareAndSet(QUEUED, DROPPED)) {
                release();
                return true;
            }
            return state.get() == DROPPED;
        }

        /** Leaves the node's backlog, once: when the call ends, or when it was dropped before it started. */
        void release() {
            if (released.compareAndSet(false, true)) {
                queued.decrementAndGet();
            }
        }
    }

    private record Outcome<T>(T value, LiveProblem problem) {
    }

    private <T> Map<Call<?>, Outcome<T>> runAll(List<Call<T>> calls) {
        Map<Call<?>, Outcome<T>> outcomes = new HashMap<>();
        if (calls.isEmpty()) {
            return outcomes;
        }
        List<Future<T>> futures = new ArrayList<>(calls.size());
        for (Call<T> c : calls) {
            futures.add(pool.submit(c));
        }
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        boolean interrupted = false;
        for (int i = 0; i < calls.size(); i++) {
            Call<T> c = calls.get(i);
            Future<T> f = futures.get(i);
            if (!interrupted) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupted = true;
                } catch (ExecutionException | java.util.concurrent.TimeoutException | CancellationException e) {
                    // judged below from the future's state
                }
            }
            outcomes.put(c, f.isDone() ? outcome(c, f) : late(c, f, interrupted));
        }
        return outcomes;
    }

    /**
     * A call not done by the deadline: dropped if it never started, else left to finish within the grace. When the
     * request itself was interrupted, nothing is known about the node and the call is stopped at once.
     */
    private <T> Outcome<T> late(Call<T> c, Future<T> f, boolean requestInterrupted) {
        if (c.drop()) {
            // it never got a thread: says nothing about its node
            f.cancel(false);
            return new Outcome<>(null, LiveProblem.TIMEOUT);
        }
        if (!requestInterrupted) {
            rest(c.target.nodeId(), "no answer within " + policy.timeout());
        }
        if (requestInterrupted || lateCallGrace.isZero()) {
            f.cancel(true);
        } else {
            CompletableFuture.delayedExecutor(lateCallGrace.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                    .execute(() -> f.cancel(true));
        }
        return new Outcome<>(null, LiveProblem.TIMEOUT);
    }

    private <T> Outcome<T> outcome(Call<T> c, Future<T> f) {
        long nodeId = c.target.nodeId();
        if (f.isCancelled()) {
            c.drop();
            return new Outcome<>(null, LiveProblem.TIMEOUT);
        }
        try {
            T value = f.get();
            resting.remove(nodeId);
            return new Outcome<>(value, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(null, LiveProblem.TIMEOUT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HypervisorException h) {
                switch (h.kind()) {
                    case NOT_FOUND:
                        return new Outcome<>(null, LiveProblem.VM_MISSING);
                    case UNREACHABLE, TLS_MISMATCH, AUTH, TIMEOUT:
                        rest(nodeId, h.kind().name());
                        return new Outcome<>(null, h.kind() == HypervisorException.Kind.TIMEOUT
                                ? LiveProblem.TIMEOUT : LiveProblem.NODE_UNREACHABLE);
                    default:
                        return new Outcome<>(null, LiveProblem.FAILED);
                }
            }
            LOG.log(System.Logger.Level.WARNING, "Live data of VM " + c.vm.id() + " failed: " + e.getCause());
            return new Outcome<>(null, LiveProblem.FAILED);
        }
    }

    private void rest(long nodeId, String why) {
        if (policy.nodeCooldown().isZero()) {
            return;
        }
        if (resting.put(nodeId, clock.instant().plus(policy.nodeCooldown())) == null) {
            LOG.log(System.Logger.Level.INFO, "Node " + nodeId + " gives no live VM data (" + why
                    + "): stored data for " + policy.nodeCooldown());
        }
    }

    /**
     * What the stored row tells in {@code status/current}'s shape, with PVE's own word for a state it cannot see
     * ({@code unknown}, as PVE lists the guests of an offline cluster member); usage counters are 0 and the maps
     * the admin UI walks ({@code nics}, {@code blockstat}) are empty.
     */
    static Live standIn(StoredVm vm, LiveProblem problem) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vmid", vm.vmid());
        d.put("name", vm.hostname());
        d.put("status", "unknown");
        d.put("cpus", vm.sockets() * vm.cores());
        d.put("cpu", 0);
        d.put("maxmem", (long) vm.memoryMb() << 20);
        d.put("mem", 0);
        d.put("maxdisk", (long) vm.systemDiskGb() << 30);
        d.put("disk", 0);
        d.put("diskread", 0);
        d.put("diskwrite", 0);
        d.put("netin", 0);
        d.put("netout", 0);
        d.put("uptime", 0);
        d.put("nics", Map.of());
        d.put("blockstat", Map.of());
        return new Live(false, problem, d);
    }

    private static RrdTimeframe timeframe(LoadHistory h) {
        return RrdTimeframe.valueOf(h.timeframe().name());
    }

    private static RrdConsolidation cf(LoadHistory h) {
        return RrdConsolidation.valueOf(h.cf().name());
    }
}
