package com.pveams.application.port.out.vm;

import com.pveams.domain.vm.Drift;
import com.pveams.domain.vm.DriftKind;
import com.pveams.domain.vm.DriftSubject;
import com.pveams.domain.vm.VmState;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The VM columns the reconciliation reads and writes. Callers run every method inside a transaction. */
public interface VmReconcileStore {

    /** Every registered node's id. */
    List<Long> nodeIds();

    /** The node's live VMs ({@code delete_state = 0}), with whether an operation is active on each. */
    List<ReconcileRow> liveVmsOf(long nodeId);

    /**
     * Replaces the status if the live row still has {@code seen} and no operation is active on it (checked after
     * locking the row, so an operation started meanwhile wins). False when nothing was written.
     */
    boolean correctStatus(long vmId, VmState seen, VmState corrected);

    /** Stores the drift (keeping its first-seen time while there was drift already); nothing when unchanged. */
    void recordDrift(long vmId, Drift drift, Instant now);

    /** Removes a recorded drift; false if there was none. */
    boolean clearDrift(long vmId);

    /** Live VMs with recorded drift, per kind (a VM with several kinds counts in each). */
    Map<DriftKind, Long> driftCounts();

    /** The recorded drift of those of {@code vmIds} that have one. */
    Map<Long, StoredDrift> driftOf(Collection<Long> vmIds);

    /** As stored: kind key → {@code stored}/{@code pve} values, and when it was first seen. */
    record StoredDrift(Map<String, Map<String, String>> differences, Instant detectedAt) {
    }

    record ReconcileRow(long id, DriftSubject subject, VmState status, boolean operationActive, boolean drifting) {
    }
}
