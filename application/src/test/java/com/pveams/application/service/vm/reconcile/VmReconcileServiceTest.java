package com.pveams.application.service.vm.reconcile;

import com.pveams.application.port.in.vm.ReconcileVmsUseCase.Report;
import com.pveams.application.port.out.hypervisor.ClusterResource;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.vm.ReconcileMetrics;
import com.pveams.application.port.out.vm.VmReconcileStore;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.vm.Drift;
import com.pveams.domain.vm.DriftKind;
import com.pveams.domain.vm.DriftSubject;
import com.pveams.domain.vm.VmState;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run over an in-memory store and a fake PVE: one listing per node, only the node's own guests, skipped nodes
 * left untouched, the outcome and skips counted.
 */
class VmReconcileServiceTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final Map<Long, VmReconcileStore.ReconcileRow> rows = new HashMap<>();
    private final Map<Long, Long> nodeOf = new HashMap<>();
    private final Map<Long, Drift> drift = new HashMap<>();
    private final List<String> events = new ArrayList<>();
    private final Map<Long, Integer> listings = new HashMap<>();

    private final VmReconcileStore store = new VmReconcileStore() {
        @Override
        public List<Long> nodeIds() {
            return List.of(1L, 2L, 3L);
        }

        @Override
        public List<ReconcileRow> liveVmsOf(long nodeId) {
            return rows.values().stream().filter(r -> nodeOf.get(r.id()) == nodeId).toList();
        }

        @Override
        public boolean correctStatus(long vmId, VmState seen, VmState corrected) {
            ReconcileRow r = rows.get(vmId);
            rows.put(vmId, new ReconcileRow(vmId, r.subject(), corrected, r.operationActive(), r.drifting()));
            return true;
        }

        @Override
        public void recordDrift(long vmId, Drift d, Instant now) {
            drift.put(vmId, d);
        }

        @Override
        public boolean clearDrift(long vmId) {
            return drift.remove(vmId) != null;
        }

        @Override
        public Map<DriftKind, Long> driftCounts() {
            return Map.of();
        }

        @Override
        public Map<Long, StoredDrift> driftOf(Collection<Long> vmIds) {
            return Map.of();
        }
    };

    /** Stand-alone nodes unless a test puts them into one cluster. */
    private String cluster;
    private Set<Long> offline = Set.of(3L);
    private Set<Long> refusing = Set.of(2L);

    private final NodeConnections connections = nodeId -> Optional.of(new NodeConnections.NodeAccess(nodeId,
            "node" + nodeId, offline.contains(nodeId) ? NodeState.OFFLINE : NodeState.ONLINE,
            Optional.of(new NodeEndpoint("node" + nodeId, 8006, "pve" + nodeId,
                    new NodeAuth.Password("root", "pam", "p"), TlsTrust.ca())), Optional.empty(),
            cluster != null ? cluster : "node:" + nodeId));

    /** One listing, as PVE gives it for a cluster of pve1..pve3 (or a stand-alone node); node 2 refuses. */
    private final HypervisorNodes pve = (HypervisorNodes) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{HypervisorNodes.class}, (proxy, method, args) -> {
                NodeEndpoint ep = (NodeEndpoint) args[0];
                long nodeId = Long.parseLong(ep.host().substring(4));
                listings.merge(nodeId, 1, Integer::sum);
                if (!"clusterResources".equals(method.getName())) {
                    throw new UnsupportedOperationException(method.getName());
                }
                if (refusing.contains(nodeId)) {
                    throw new HypervisorException(HypervisorException.Kind.UNREACHABLE, "refused");
                }
                return List.of(guest("pve1", 101, "a", "stopped"), guest("pve1", 102, "b", "running"),
                        guest("pve2", 103, "c", "running"), guest("pve1", 999, "stranger", "running"));
            });

    private final ReconcileMetrics metrics = new ReconcileMetrics() {
        @Override
        public void runFinished(String outcome) {
            events.add("run:" + outcome);
        }

        @Override
        public void nodeSkipped() {
            events.add("skipped");
        }

        @Override
        public void drifting(Map<DriftKind, Long> perKind) {
        }

        @Override
        public void unknownGuests(long count) {
            events.add("unknown:" + count);
        }
    };

    private static ClusterResource guest(String node, int vmid, String name, String status) {
        return new ClusterResource("qemu/" + vmid, "qemu", node, vmid, name, status, null, 0, 2, 0, 1024L << 20, 0, 0,
                false);
    }

    private void row(long id, long node, int vmid, String name, VmState status, boolean busy) {
        rows.put(id, new VmReconcileStore.ReconcileRow(id, new DriftSubject(vmid, name, 1024, 1, 2), status, busy, false));
        nodeOf.put(id, node);
    }

    @Test
    void oneListingPerNodeCorrectsAndFlagsOnlyWhatIsOurs() {
        row(1, 1, 101, "a", VmState.RUNNING, false);   // stopped by hand
        row(2, 1, 102, "b", VmState.STOPPED, true);    // an operation is starting it
        row(3, 1, 103, "c", VmState.RUNNING, false);   // PVE lists 103 on pve2: not on this node
        row(4, 2, 104, "d", VmState.RUNNING, false);   // node 2 does not answer
        row(5, 3, 105, "e", VmState.RUNNING, false);   // node 3 is offline

        VmReconcileService service = new VmReconcileService(
                new VmReconcileTransactions(store, Clock.fixed(NOW, ZoneOffset.UTC)), connections, pve, metrics);
        Report report = service.reconcileAll();

        assertEquals(new Report(3, 2, 1, 1, 1), report);
        assertEquals(VmState.STOPPED, rows.get(1L).status());
        assertEquals(VmState.STOPPED, rows.get(2L).status(), "the operation owns it");
        assertEquals(Set.of(DriftKind.MISSING), drift.get(3L).kinds());
        assertEquals(VmState.RUNNING, rows.get(3L).status(), "a missing VM keeps its status");
        assertEquals(VmState.RUNNING, rows.get(4L).status());
        assertEquals(VmState.RUNNING, rows.get(5L).status());
        assertTrue(!drift.containsKey(4L) && !drift.containsKey(5L) && !drift.containsKey(2L));
        assertEquals(Map.of(1L, 1, 2L, 1), listings, "one call per reachable node, none for the offline one");
        assertEquals(List.of("skipped", "skipped", "unknown:1", "run:partial"), events);
    }

    private Report runIt() {
        return new VmReconcileService(new VmReconcileTransactions(store, Clock.fixed(NOW, ZoneOffset.UTC)), connections,
                pve, metrics).reconcileAll();
    }

    @Test
    void aClusterOfThreeNodesIsReadOnceAndEachNodeGetsItsOwnGuests() {
        cluster = "cluster:c";
        offline = Set.of();
        refusing = Set.of();
        row(1, 1, 101, "a", VmState.RUNNING, false);   // stopped by hand, listed on pve1
        row(2, 2, 103, "c", VmState.RUNNING, false);   // listed on pve2 as it is
        row(3, 3, 105, "e", VmState.RUNNING, false);   // pve3 lists nothing: missing

        Report report = runIt();

        assertEquals(Map.of(1L, 1), listings, "one call for the whole cluster");
        assertEquals(0, report.skippedNodes());
        assertEquals(VmState.STOPPED, rows.get(1L).status());
        assertEquals(VmState.RUNNING, rows.get(2L).status());
        assertTrue(!drift.containsKey(1L) && !drift.containsKey(2L), String.valueOf(drift));
        assertEquals(Set.of(DriftKind.MISSING), drift.get(3L).kinds());
        assertEquals(List.of("unknown:2", "run:complete"), events, "102 and 999 on pve1 are nobody's");
    }

    @Test
    void aMemberThatFailsHandsTheListingToTheNextOnlineOne() {
        cluster = "cluster:c";
        offline = Set.of(2L);
        refusing = Set.of(1L);
        row(1, 1, 101, "a", VmState.RUNNING, false);
        row(3, 3, 105, "e", VmState.RUNNING, false);

        Report report = runIt();

        assertEquals(Map.of(1L, 1, 3L, 1), listings, "node 1 refused, offline node 2 not asked, node 3 answered");
        assertEquals(1, report.skippedNodes(), "only the offline node");
        assertEquals(VmState.STOPPED, rows.get(1L).status(), "node 1's guests came through node 3");
        assertEquals(Set.of(DriftKind.MISSING), drift.get(3L).kinds());
    }

    @Test
    void aClusterNoMemberAnswersForLeavesAllItsNodesAlone() {
        cluster = "cluster:c";
        refusing = Set.of(1L, 2L);
        row(1, 1, 101, "a", VmState.RUNNING, false);
        row(3, 2, 103, "c", VmState.STOPPED, false);

        Report report = runIt();

        assertEquals(Map.of(1L, 1, 2L, 1), listings);
        assertEquals(3, report.skippedNodes());
        assertEquals(VmState.RUNNING, rows.get(1L).status());
        assertEquals(VmState.STOPPED, rows.get(3L).status());
        assertTrue(drift.isEmpty());
        assertEquals("run:partial", events.get(events.size() - 1));
    }
}
