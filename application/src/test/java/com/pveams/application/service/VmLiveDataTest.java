package com.pveams.application.service;

import com.pveams.application.config.VmLivePolicy;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.domain.node.NodeState;
import com.pveams.application.port.in.vm.VmDetails.Live;
import com.pveams.application.port.in.vm.VmDetails.LiveProblem;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import com.pveams.application.port.out.vm.VmReader.StoredVm;
import com.pveams.application.service.vm.VmLiveData;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.node.LoadHistory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live-data rules without PVE: one deadline per request, stand-ins for nodes that do not answer, the cooldown
 * of a failed node, and calls that never got a thread not counted against their node. A node "hangs" on a latch the
 * test never opens, so the deadline (kept short) is what ends the wait; nothing asserts on elapsed time.
 */
class VmLiveDataTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);

    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final Set<Long> offline = ConcurrentHashMap.newKeySet();
    private final Set<Long> hanging = ConcurrentHashMap.newKeySet();
    private final Set<Long> refusing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);
    /** counts down once per call that reached PVE */
    private volatile CountDownLatch entered = new CountDownLatch(0);
    private final AtomicInteger nodeReads = new AtomicInteger();
    /** nodes whose calls wait for {@link #slowGate}; each such call counts down {@link #slowEnded} as it ends */
    private final Set<Long> slow = ConcurrentHashMap.newKeySet();
    private final CountDownLatch slowGate = new CountDownLatch(1);
    private final CountDownLatch slowEnded = new CountDownLatch(1);
    private final AtomicInteger slowInterrupted = new AtomicInteger();
    /** counts down once per hanging call that was interrupted */
    private final CountDownLatch hangInterrupted = new CountDownLatch(1);

    private final NodeConnections nodes = new NodeConnections() {
        @Override
        public Optional<NodeAccess> find(long nodeId) {
            nodeReads.incrementAndGet();
            return Optional.of(access(nodeId));
        }

        @Override
        public Map<Long, NodeAccess> findAll(java.util.Collection<Long> nodeIds) {
            nodeReads.incrementAndGet();
            Map<Long, NodeAccess> out = new java.util.HashMap<>();
            nodeIds.forEach(id -> out.put(id, access(id)));
            return out;
        }

        private NodeAccess access(long nodeId) {
            return new NodeAccess(nodeId, "node" + nodeId, offline.contains(nodeId) ? NodeState.OFFLINE : NodeState.ONLINE,
                    Optional.of(new NodeEndpoint("node" + nodeId, 8006, "pve" + nodeId,
                            new NodeAuth.Password("root", "pam", "p"), TlsTrust.ca())), Optional.empty(), "c");
        }
    };

    private final HypervisorVms pve = (HypervisorVms) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{HypervisorVms.class}, (proxy, method, args) -> {
                NodeEndpoint ep = (NodeEndpoint) args[0];
                long nodeId = Long.parseLong(ep.host().substring(4));
                int vmid = (int) args[1];
                calls.incrementAndGet();
                entered.countDown();
                if (hanging.contains(nodeId)) {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        hangInterrupted.countDown();
                        throw e;
                    }
                }
                if (slow.contains(nodeId)) {
                    try {
                        slowGate.await();
                    } catch (InterruptedException e) {
                        slowInterrupted.incrementAndGet();
                        throw e;
                    } finally {
                        slowEnded.countDown();
                    }
                }
                if (refusing.contains(nodeId)) {
                    throw new HypervisorException(HypervisorException.Kind.UNREACHABLE, "refused");
                }
                if (vmid == 999) {
                    throw new HypervisorException(HypervisorException.Kind.NOT_FOUND, "no such VM");
                }
                return switch (method.getName()) {
                    case "vmStatusFields" -> Map.of("vmid", vmid, "status", "running", "cpu", 0.5);
                    case "vmRrd" -> List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            });

    /** Without a grace: a call still running at the deadline is interrupted there (the tests of the deadline). */
    private VmLiveData live(int parallelism) {
        return live(parallelism, Duration.ZERO);
    }

    private VmLiveData live(int parallelism, Duration lateCallGrace) {
        return new VmLiveData(nodes, pve, new VmLivePolicy(DEADLINE, parallelism, Duration.ofSeconds(15)), clock,
                lateCallGrace);
    }

    private static StoredVm vm(long id, long nodeId, int vmid) {
        return new StoredVm(id, nodeId, "n" + nodeId, "r", vmid, "vm" + id, null, 1, 2, 1, false, true, null, null,
                "kvm64", 1024, 0, null, "x86_64", true, 2048, true, "root", new byte[32], "d.qcow2", "D", "linux",
                false, 1, "local", 10, Map.of(), "vmbr0", Map.of(), false, false, 0, 1, 0, Instant.EPOCH,
                Instant.EPOCH, null);
    }

    @Test
    void aHangingNodeGivesStandInsWhileTheOtherNodeIsLive() {
        hanging.add(2L);
        Map<Long, Live> r = live(8).statuses(List.of(vm(1, 1, 101), vm(2, 2, 102), vm(3, 2, 103)));
        assertTrue(r.get(1L).live());
        assertEquals("running", r.get(1L).data().get("status"));
        for (long id : List.of(2L, 3L)) {
            assertFalse(r.get(id).live());
            assertEquals(LiveProblem.TIMEOUT, r.get(id).problem());
            assertEquals("unknown", r.get(id).data().get("status"));
            assertEquals(2048L << 20, r.get(id).data().get("maxmem"));
            assertEquals(Map.of(), r.get(id).data().get("nics"));
        }
    }

    @Test
    void aFailedNodeIsNotAskedAgainUntilTheCooldownEnds() {
        VmLiveData live = live(4);
        refusing.add(2L);
        assertEquals(LiveProblem.NODE_UNREACHABLE, live.statuses(List.of(vm(2, 2, 102))).get(2L).problem());
        int asked = calls.get();
        refusing.remove(2L);
        assertEquals(LiveProblem.NODE_UNREACHABLE, live.statuses(List.of(vm(2, 2, 102))).get(2L).problem());
        assertEquals(asked, calls.get(), "resting node not asked");
        clock.advance(Duration.ofSeconds(16));
        assertTrue(live.statuses(List.of(vm(2, 2, 102))).get(2L).live());
    }

    @Test
    void offlineNodesAreNotAskedAndMissingVmsAreNamed() {
        offline.add(3L);
        Map<Long, Live> r = live(4).statuses(List.of(vm(1, 3, 101), vm(2, 1, 999)));
        assertEquals(LiveProblem.NODE_OFFLINE, r.get(1L).problem());
        assertEquals(LiveProblem.VM_MISSING, r.get(2L).problem());
        assertEquals(1, calls.get());
    }

    @Test
    void callsThatNeverGotAThreadDoNotPutTheirNodeToRest() {
        hanging.add(1L);
        VmLiveData live = live(1);
        // the single thread hangs on node 1; node 2's call waits in the queue until the deadline
        Map<Long, Live> r = live.statuses(List.of(vm(1, 1, 101), vm(2, 2, 102)));
        assertEquals(LiveProblem.TIMEOUT, r.get(2L).problem());
        hanging.clear();
        assertTrue(live.statuses(List.of(vm(2, 2, 102))).get(2L).live(), "node 2 was never blamed");
        assertEquals(LiveProblem.NODE_UNREACHABLE, live.statuses(List.of(vm(1, 1, 101))).get(1L).problem(),
                "node 1 rests after its call ran out of time");
    }

    @Test
    void rrdAloneIsARefusalWhenTheNodeDoesNotAnswer() {
        hanging.add(2L);
        DomainException e = assertThrows(DomainException.class,
                () -> live(2).rrd(vm(2, 2, 102), LoadHistory.of(null, null)));
        assertEquals(ErrorCode.NODE_NOT_AVAILABLE, e.code());
        assertEquals(ErrorCode.VM_NOT_EXIST, assertThrows(DomainException.class,
                () -> live(2).rrd(vm(3, 1, 999), LoadHistory.of("day", "max"))).code());
        assertEquals(List.of(), live(2).rrd(vm(1, 1, 101), LoadHistory.of("week", null)));
    }

    @Test
    void aPageReadsItsNodesOnce() {
        live(4).statuses(List.of(vm(1, 1, 101), vm(2, 2, 102), vm(3, 3, 103), vm(4, 1, 104)));
        assertEquals(1, nodeReads.get());
        assertEquals(4, calls.get());
    }

    @Test
    void aNodeWithAFullBacklogIsNotAskedAndTimedOutCallsLeaveIt() throws Exception {
        hanging.add(2L);
        VmLiveData live = new VmLiveData(nodes, pve, new VmLivePolicy(DEADLINE, 8, Duration.ofSeconds(15), 2), clock,
                Duration.ZERO);
        // one request hangs on node 2 with two calls running: the node's backlog is full meanwhile
        entered = new CountDownLatch(2);
        java.util.concurrent.CompletableFuture<Map<Long, Live>> first = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> live.statuses(List.of(vm(1, 2, 101), vm(2, 2, 102))));
        entered.await();
        int asked = calls.get();
        Map<Long, Live> second = live.statuses(List.of(vm(3, 2, 103), vm(4, 1, 104)));
        assertEquals(LiveProblem.NODE_BUSY, second.get(3L).problem());
        assertFalse(second.get(3L).live());
        assertTrue(second.get(4L).live(), "other nodes are asked as usual");
        assertEquals(asked + 1, calls.get(), "node 2 was not asked again");
        assertEquals(LiveProblem.TIMEOUT, first.get().get(1L).problem());
        // the timed-out calls were interrupted and leave the backlog on their own threads, just after the page
        // answered, with nothing to signal it: the page is asked again until node 2 is no longer busy (the condition
        // itself, as bootstrap's Conditions.await does; the bound only stops a broken run). Once node 2 answers and
        // its rest is over, a full page's share of it is asked again.
        hanging.clear();
        clock.advance(Duration.ofSeconds(16));
        long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<Long, Live> later = live.statuses(List.of(vm(5, 2, 105), vm(6, 2, 106)));
        while ((later.get(5L).problem() == LiveProblem.NODE_BUSY || later.get(6L).problem() == LiveProblem.NODE_BUSY)
                && System.nanoTime() < bound) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            later = live.statuses(List.of(vm(5, 2, 105), vm(6, 2, 106)));
        }
        assertTrue(later.get(5L).live(), String.valueOf(later.get(5L).problem()));
        assertTrue(later.get(6L).live(), String.valueOf(later.get(6L).problem()));
    }

    @Test
    void aPageBeyondTheBacklogGetsStoredDataForTheRest() {
        VmLiveData live = new VmLiveData(nodes, pve, new VmLivePolicy(DEADLINE, 8, Duration.ofSeconds(15), 2), clock);
        Map<Long, Live> r = live.statuses(List.of(vm(1, 1, 101), vm(2, 1, 102), vm(3, 1, 103)));
        assertEquals(2, r.values().stream().filter(Live::live).count());
        assertEquals(LiveProblem.NODE_BUSY, r.get(3L).problem());
    }

    @Test
    void aCallRunningAtTheDeadlineMayFinishWithinTheGraceUninterrupted() throws Exception {
        // interrupting a blocked HTTP exchange closes its kept-alive connection: a late call is let finish
        slow.add(2L);
        VmLiveData live = live(4, Duration.ofMinutes(1));
        Map<Long, Live> r = live.statuses(List.of(vm(1, 1, 101), vm(2, 2, 102)));
        assertTrue(r.get(1L).live());
        assertEquals(LiveProblem.TIMEOUT, r.get(2L).problem(), "the page does not wait past its deadline");
        slowGate.countDown();
        assertTrue(slowEnded.await(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, slowInterrupted.get(), "the late call ran to its end");
        assertEquals(LiveProblem.NODE_UNREACHABLE, live.statuses(List.of(vm(3, 2, 103))).get(3L).problem(),
                "its node rests like one that did not answer in time");
    }

    @Test
    void aCallStillRunningAfterTheGraceIsInterrupted() throws Exception {
        hanging.add(2L);
        VmLiveData live = live(4, Duration.ofMillis(50));
        assertEquals(LiveProblem.TIMEOUT, live.statuses(List.of(vm(2, 2, 102))).get(2L).problem());
        assertTrue(hangInterrupted.await(30, java.util.concurrent.TimeUnit.SECONDS),
                "a hung node holds a pool thread for the grace at most");
    }
}
