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
import java.util.concurrent.atomic.AtomicInteger;

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

    private final NodeConnections nodes = nodeId -> Optional.of(new NodeConnections.NodeAccess(nodeId, "node" + nodeId,
            offline.contains(nodeId) ? NodeState.OFFLINE : NodeState.ONLINE,
            Optional.of(new NodeEndpoint("node" + nodeId, 8006, "pve" + nodeId, new NodeAuth.Password("root", "pam", "p"),
                    TlsTrust.ca())), Optional.empty(), "c"));

    private final HypervisorVms pve = (HypervisorVms) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{HypervisorVms.class}, (proxy, method, args) -> {
                NodeEndpoint ep = (NodeEndpoint) args[0];
                long nodeId = Long.parseLong(ep.host().substring(4));
                int vmid = (int) args[1];
                calls.incrementAndGet();
                if (hanging.contains(nodeId)) {
                    never.await();
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

    private VmLiveData live(int parallelism) {
        return new VmLiveData(nodes, pve, new VmLivePolicy(DEADLINE, parallelism, Duration.ofSeconds(15)), clock);
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
}
