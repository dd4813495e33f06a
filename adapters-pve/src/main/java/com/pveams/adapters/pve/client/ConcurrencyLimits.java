package com.pveams.adapters.pve.client;

import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Queues work per node and per storage so bursts wait here instead of colliding on PVE's locks.
 * <ul>
 *   <li>Node: at most N HTTP requests in flight per node (fair semaphore).</li>
 *   <li>Storage: at most M storage-allocating tasks per node+storage. A lease is taken before the request and is
 *   held until the task's end is observed ({@link #taskEnded}), or released at once if the request fails, or
 *   expires after a maximum so an unobserved task cannot block a storage forever.</li>
 * </ul>
 */
public final class ConcurrencyLimits {

    private final int perNode;
    private final int perStorage;
    private final Duration queueTimeout;
    private final Duration leaseMax;
    private final Clock clock;
    private final Map<String, Semaphore> nodes = new ConcurrentHashMap<>();
    private final Map<String, StorageGate> storages = new ConcurrentHashMap<>();
    private final Map<String, List<Lease>> leasesByTask = new ConcurrentHashMap<>();

    public ConcurrencyLimits(int perNode, int perStorage, Duration queueTimeout, Duration leaseMax, Clock clock) {
        this.perNode = perNode;
        this.perStorage = perStorage;
        this.queueTimeout = queueTimeout;
        this.leaseMax = leaseMax;
        this.clock = clock;
    }

    /** Runs {@code body} holding one of the node's request slots. */
    public <T> T withNodeSlot(String nodeKey, java.util.function.Supplier<T> body) {
        Semaphore s = nodes.computeIfAbsent(nodeKey, k -> new Semaphore(perNode, true));
        try {
            if (!s.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HypervisorException(Kind.TIMEOUT,
                        "no free request slot for node " + nodeKey + " within " + queueTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException(Kind.TIMEOUT, "interrupted while queueing for node " + nodeKey);
        }
        try {
            return body.get();
        } finally {
            s.release();
        }
    }

    /** A storage slot; release it once (idempotent). */
    public final class Lease {
        private final StorageGate gate;
        private final Instant expires;
        private volatile boolean released;
        /** The task holding the slot, once bound. */
        private volatile String upid;

        private Lease(StorageGate gate, Instant expires) {
            this.gate = gate;
            this.expires = expires;
        }

        public void release() {
            synchronized (gate) {
                if (!released) {
                    released = true;
                    gate.active.remove(this);
                    gate.notifyAll();
                }
            }
        }
    }

    private final class StorageGate {
        private final List<Lease> active = new ArrayList<>();
        private int waiting;

        private int liveCount(Instant now) {
            for (Iterator<Lease> it = active.iterator(); it.hasNext(); ) {
                Lease l = it.next();
                if (!l.expires.isAfter(now)) {
                    l.released = true;
                    it.remove();
                }
            }
            return active.size();
        }
    }

    /** Waits for a free slot on every storage in {@code storageKeys} (sorted, so two callers never deadlock). */
    public List<Lease> acquireStorages(List<String> storageKeys) {
        return acquireStorages(storageKeys, upid -> false);
    }

    /**
     * As above; while waiting, asks {@code taskEnded} about the tasks holding the slots. Their ends are otherwise
     * seen only when their callers look, and a caller that waits here for a worker (a durable step) may be the one
     * that would look: without asking, every worker could wait here for slots whose tasks are long done.
     */
    public List<Lease> acquireStorages(List<String> storageKeys, Predicate<String> taskEnded) {
        List<String> keys = storageKeys.stream().distinct().sorted().toList();
        List<Lease> got = new ArrayList<>();
        try {
            for (String key : keys) {
                got.add(acquireStorage(key, taskEnded));
            }
            return got;
        } catch (RuntimeException e) {
            got.forEach(Lease::release);
            throw e;
        }
    }

    private Lease acquireStorage(String key, Predicate<String> taskEnded) {
        StorageGate gate = storages.computeIfAbsent(key, k -> new StorageGate());
        long deadline = System.nanoTime() + queueTimeout.toNanos();
        synchronized (gate) {
            gate.waiting++;
        }
        try {
            while (true) {
                List<String> holders;
                synchronized (gate) {
                    if (gate.liveCount(clock.instant()) < perStorage) {
                        Lease lease = new Lease(gate, clock.instant().plus(leaseMax));
                        gate.active.add(lease);
                        return lease;
                    }
                    holders = gate.active.stream().map(l -> l.upid).filter(java.util.Objects::nonNull).toList();
                }
                // asked outside the gate: the question is a request to PVE
                holders.stream().filter(u -> endedQuietly(taskEnded, u)).forEach(this::taskEnded);
                synchronized (gate) {
                    if (gate.liveCount(clock.instant()) < perStorage) {
                        continue;
                    }
                    long waitMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (waitMs <= 0) {
                        throw new HypervisorException(Kind.TIMEOUT,
                                "no free slot for storage " + key + " within " + queueTimeout);
                    }
                    // wake up at least every 200 ms to expire stale leases and ask about their tasks again
                    try {
                        gate.wait(Math.min(waitMs, 200));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new HypervisorException(Kind.TIMEOUT, "interrupted while queueing for storage " + key);
                    }
                }
            }
        } finally {
            synchronized (gate) {
                gate.waiting--;
            }
        }
    }

    private static boolean endedQuietly(Predicate<String> taskEnded, String upid) {
        try {
            return taskEnded.test(upid);
        } catch (RuntimeException e) {
            return false; // not known to have ended: the slot stays held until its lease runs out
        }
    }

    /** Binds leases to the task they are for; {@link #taskEnded} releases them. */
    public void bindToTask(String upid, List<Lease> leases) {
        leasesByTask.values().removeIf(ls -> ls.stream().allMatch(l -> l.released));
        if (!leases.isEmpty()) {
            leases.forEach(l -> l.upid = upid);
            leasesByTask.put(upid, List.copyOf(leases));
        }
    }

    public void taskEnded(String upid) {
        List<Lease> leases = leasesByTask.remove(upid);
        if (leases != null) {
            leases.forEach(Lease::release);
        }
    }

    /** Callers waiting for one of the node's request slots (for tests and metrics). */
    public int queuedForNode(String nodeKey) {
        Semaphore s = nodes.get(nodeKey);
        return s == null ? 0 : s.getQueueLength();
    }

    /** Callers waiting for a slot on storage {@code key} (for tests and metrics). */
    public int queuedForStorage(String key) {
        StorageGate gate = storages.get(key);
        if (gate == null) {
            return 0;
        }
        synchronized (gate) {
            return gate.waiting;
        }
    }

    /** Storage tasks currently holding a slot for {@code key} (for tests and metrics). */
    public int activeStorageLeases(String key) {
        StorageGate gate = storages.get(key);
        if (gate == null) {
            return 0;
        }
        synchronized (gate) {
            return gate.liveCount(clock.instant());
        }
    }
}
