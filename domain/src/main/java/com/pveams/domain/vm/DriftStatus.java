package com.pveams.domain.vm;

import java.util.Optional;

/**
 * Which stored status PVE's state replaces when a VM's power changed outside this service (stopped or started by
 * hand on the node, crashed). Only settled power states are corrected: a transitional status belongs to the
 * operation driving it, and expired, over-quota and creating VMs carry a business meaning PVE's state does not
 * change. PVE lists a paused or suspended guest as running, so a stored pause is kept while PVE says running.
 */
public final class DriftStatus {
    private DriftStatus() {
    }

    /** The status to store instead of {@code stored}, or empty when it stays (already right, or not ours to fix). */
    public static Optional<VmState> corrected(VmState stored, String pveStatus) {
        if ("running".equals(pveStatus)) {
            return stored == VmState.STOPPED ? Optional.of(VmState.RUNNING) : Optional.empty();
        }
        if ("stopped".equals(pveStatus)) {
            return switch (stored) {
                case RUNNING, PAUSED, SUSPENDED -> Optional.of(VmState.STOPPED);
                default -> Optional.empty();
            };
        }
        return Optional.empty(); // "unknown" (PVE cannot see the member) or anything new: keep what we know
    }
}
