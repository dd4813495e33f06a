package com.pveams.application.port.out.vm;

import com.pveams.domain.vm.ManagedVm;

import java.time.Instant;
import java.util.Optional;

/**
 * The VM row as delete and password reset change it. Every method joins the caller's transaction. The pending
 * password ({@code vm.pending_guest_password_enc}, V21) carries a new password from the request to the step that
 * makes it the guest password, so it never appears in operation parameters or step outputs.
 */
public interface VmLifecycleStore {

    /** Any VM row, whatever its delete state. */
    Optional<ManagedVm> find(long vmId);

    /** The row, locked until the transaction ends. */
    Optional<ManagedVm> lock(long vmId);

    /** Marks a VM deleted (delete state 2, stopped, {@code deleted_at}); false if it already was. */
    boolean markDeleted(long vmId, Instant at);

    /** Drops the VMID reservation bound to the VM; the VMID stays out of use through the kept row. */
    void releaseVmidReservation(long vmId);

    void storePendingPassword(long vmId, byte[] ciphertext);

    Optional<byte[]> pendingPassword(long vmId);

    /** The pending password becomes the guest password; false if there was none (already moved). */
    boolean commitPendingPassword(long vmId);

    void clearPendingPassword(long vmId);
}
