package com.pveams.application.port.in.reservation;

import java.time.Instant;

/**
 * VMIDs for creates, reserved in the database (unique per VMID space: nodes of one PVE cluster share one) before
 * PVE is asked to create the guest. The engine's sequence: {@code HypervisorNodes.nextFreeVmid} as a hint, then
 * {@link #reserve}; PVE answers "already exists" → {@link #reserveNextAfterConflict}; the VM row is written →
 * {@link #bind} in that transaction; the create is abandoned → {@link #release}.
 */
public interface VmidReservations {

    /**
     * The lowest VMID ≥ {@code hint} (or ≥ 100 without one) that no live reservation of the node's VMID space and no
     * VM row of that space holds, reserved and committed on return (its own transaction, whatever the caller's),
     * held for {@code VmidReservation.HOLD}. An unbound reservation past its hold is taken over.
     *
     * @throws com.pveams.domain.error.DomainException NODE_NOT_EXIST; INVALID_PARAM (4000002) for a hint past the range
     */
    Reservation reserve(long nodeId, Long hint);

    /**
     * PVE refused to create {@code reservationId}'s VMID as already existing (a guest this service does not know):
     * that VMID is kept out of use for a while and the next free one is reserved instead, committed on return.
     */
    Reservation reserveNextAfterConflict(long reservationId);

    /**
     * Binds the reservation to the VM row that uses it, in the caller's transaction (the one that writes the row).
     * From then on the reservation lives as long as the row.
     *
     * @throws com.pveams.domain.error.DomainException when the reservation was taken over (it had expired) or the
     *                                                 row is not on its node with its VMID
     */
    void bind(long reservationId, long vmId);

    /** Gives the VMID back (a create that failed before PVE made anything). A reservation already gone is fine. */
    void release(long reservationId);

    record Reservation(long id, long nodeId, int vmid, Instant reservedUntil) {
    }
}
