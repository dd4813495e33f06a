package com.pveams.application.port.out.reservation;

import com.pveams.domain.reservation.Vmid;
import com.pveams.domain.reservation.VmidReservation;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code vmid_reservation} (V2, V18), by the VMID space of the node (the node row's {@code vmid_space}). */
public interface VmidReservationStore {
    boolean nodeExists(long nodeId);

    /**
     * The lowest of {@code from .. from + window - 1} (within the VMID range) that neither a live reservation
     * (bound, or unbound and not expired at {@code now}) nor a VM row of the node's space uses.
     */
    OptionalInt firstFree(long nodeId, Vmid from, int window, Instant now);

    /**
     * Reserves the VMID for the node unless a live reservation of its space holds it; an expired unbound one is
     * taken over under a new id. Empty when it is held.
     */
    Optional<VmidReservation> claim(long nodeId, Vmid vmid, Instant now, Instant until);

    Optional<VmidReservation> findForUpdate(long id);

    void bind(long id, long vmId);

    /** Keeps the VMID out of use until {@code until}, marked as held by a guest PVE knows and we do not. */
    void markPveConflict(long id, Instant until);

    void delete(long id);
}
