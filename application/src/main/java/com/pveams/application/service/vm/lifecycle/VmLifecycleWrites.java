package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.in.reservation.AddressAllocation;
import com.pveams.application.port.out.vm.VmLifecycleStore;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.vm.ManagedVm;
import com.pveams.domain.vm.PasswordResetMethod;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;

/** The short transactions of delete and password reset, for the services and the step handlers. */
@Singleton
public class VmLifecycleWrites {
    private final VmLifecycleStore store;
    private final StartOperation operations;
    private final AddressAllocation addresses;
    private final Clock clock;

    @Inject
    public VmLifecycleWrites(VmLifecycleStore store, StartOperation operations, AddressAllocation addresses,
                             Clock clock) {
        this.store = store;
        this.operations = operations;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Transactional
    public ManagedVm read(long vmId) {
        return store.find(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
    }

    /** The row is locked first, so the check and the start see the same VM. */
    @Transactional
    public long startDelete(long vmId, String requestedBy) {
        ManagedVm vm = store.lock(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
        return operations.start(vm.planDelete(requestedBy));
    }

    /**
     * Stores the new password (encrypted) and starts the reset in one transaction: refused with 1080, nothing is
     * stored.
     */
    @Transactional
    public long startPasswordReset(long vmId, PasswordResetMethod method, byte[] passwordCiphertext,
                                   String requestedBy) {
        ManagedVm vm = store.lock(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
        var plan = vm.planPasswordReset(method, requestedBy);
        store.storePendingPassword(vmId, passwordCiphertext);
        return operations.start(plan);
    }

    /** Addresses first: the row's delete state cascades to the addresses it holds, and a deleted VM holds none. */
    @Transactional
    public void finishDeletion(long vmId) {
        store.lock(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
        addresses.releaseAll(vmId);
        store.releaseVmidReservation(vmId);
        store.markDeleted(vmId, clock.instant());
    }

    @Transactional
    public Optional<byte[]> pendingPassword(long vmId) {
        return store.pendingPassword(vmId);
    }

    @Transactional
    public void commitPassword(long vmId) {
        store.commitPendingPassword(vmId);
    }

    @Transactional
    public void dropPendingPassword(long vmId) {
        store.clearPendingPassword(vmId);
    }
}
