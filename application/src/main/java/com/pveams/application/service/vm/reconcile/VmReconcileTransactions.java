package com.pveams.application.service.vm.reconcile;

import com.pveams.application.port.out.vm.VmReconcileStore;
import com.pveams.application.port.out.vm.VmReconcileStore.ReconcileRow;
import com.pveams.domain.vm.Drift;
import com.pveams.domain.vm.DriftKind;
import com.pveams.domain.vm.DriftObservation;
import com.pveams.domain.vm.DriftStatus;
import com.pveams.domain.vm.VmState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The reconciliation's database work, one short transaction per node (never while PVE is being asked). */
@Singleton
public class VmReconcileTransactions {
    private final VmReconcileStore store;
    private final Clock clock;

    @Inject
    public VmReconcileTransactions(VmReconcileStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What one node's comparison did; {@code unknownVmids} are guests no live row of the node knows. */
    public record NodeResult(int statusesCorrected, int drifting, List<Integer> unknownVmids) {
    }

    @Transactional
    public List<Long> nodeIds() {
        return store.nodeIds();
    }

    @Transactional
    public Map<DriftKind, Long> driftCounts() {
        return store.driftCounts();
    }

    @Transactional
    public NodeResult reconcileNode(long nodeId, List<DriftObservation> listing) {
        Map<Integer, DriftObservation> byVmid = listing.stream()
                .collect(Collectors.toMap(DriftObservation::vmid, Function.identity(), (a, b) -> a));
        Set<Integer> known = new HashSet<>();
        int corrected = 0;
        int drifting = 0;
        for (ReconcileRow row : store.liveVmsOf(nodeId)) {
            known.add(row.subject().vmid());
            if (row.operationActive()) {
                continue; // the operation owns the VM's status and is changing it on PVE right now
            }
            Optional<DriftObservation> seen = Optional.ofNullable(byVmid.get(row.subject().vmid()));
            Drift drift = Drift.between(row.subject(), seen);
            if (drift.none()) {
                if (row.drifting()) {
                    store.clearDrift(row.id());
                }
            } else {
                store.recordDrift(row.id(), drift, clock.instant());
                drifting++;
            }
            if (seen.isPresent()) {
                Optional<VmState> next = DriftStatus.corrected(row.status(), seen.get().status());
                if (next.isPresent() && store.correctStatus(row.id(), row.status(), next.get())) {
                    corrected++;
                }
            }
        }
        List<Integer> unknown = byVmid.keySet().stream().filter(v -> !known.contains(v)).sorted().toList();
        return new NodeResult(corrected, drifting, unknown);
    }
}
