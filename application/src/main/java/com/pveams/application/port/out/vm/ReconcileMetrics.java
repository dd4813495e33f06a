package com.pveams.application.port.out.vm;

import com.pveams.domain.vm.DriftKind;

import java.util.Map;

/** The reconciliation's numbers for monitoring. */
public interface ReconcileMetrics {

    /** {@code outcome}: {@code complete}, {@code partial} (nodes skipped) or {@code failed}. */
    void runFinished(String outcome);

    void nodeSkipped();

    /** Live VMs drifting now, per kind (every kind present, 0 for none). */
    void drifting(Map<DriftKind, Long> perKind);

    /** Guests on the reached nodes no VM row knows, as of the last run. */
    void unknownGuests(long count);
}
