package com.pveams.application.port.out.vm;

import com.pveams.domain.vm.build.VmBlueprint;

import java.util.Optional;

/**
 * The {@code vm} row as the build steps read and write it, in the caller's transaction. Secrets stay ciphertext
 * here; the steps decrypt them only to send them to PVE.
 */
public interface VmBlueprints {
    /** The live row (delete state 0) as a blueprint, with its image's location on the row's node. */
    Optional<VmBlueprint> find(long vmId);

    /**
     * Where the live row's guest would be on PVE: its node and current VMID, read without the blueprint's checks so
     * the undo of a failed create finds its guest also for a row a build could not use; empty when gone or deleted.
     */
    Optional<GuestPlace> guestPlace(long vmId);

    /** The node and PVE VMID of a row's guest. */
    record GuestPlace(long nodeId, int vmid) {
    }

    /** The row's OS image (for its template); empty when the row is gone or its image was deleted. */
    Optional<Long> osImageId(long vmId);

    /** Locks the row; false when it is gone or deleted. */
    boolean lock(long vmId);

    /** The guest password to send: the pending one (a reinstall or reset in flight) or the stored one. */
    Optional<byte[]> guestPasswordToSend(long vmId);

    /** The reservation holding the row's current VMID in its node's VMID space, bound or not. */
    Optional<Long> reservationOfCurrentVmid(long vmId);

    /** Unbinds a reservation (PVE said its VMID is taken by a guest we do not know). */
    void unbindReservation(long reservationId);

    /** Moves the row to another VMID. */
    void moveVmid(long vmId, int vmid);

    /**
     * Creating or reinstalling → running, a pending guest password becomes the guest password; false when the row
     * was in neither status (a re-run after it was done).
     */
    boolean markBuilt(long vmId);

    /** The row is marked deleted (delete state 2, {@code deleted_at}, stopped); false when it already was. */
    boolean markAbandoned(long vmId, java.time.Instant at);
}
