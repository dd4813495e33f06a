package com.pveams.application.service.vm.create;

import com.pveams.application.config.VmCreatePolicy;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.in.vm.CreateVmCommand;
import com.pveams.application.port.in.vm.CreateVmResult;
import com.pveams.application.port.in.vm.CreateVmUseCase;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.vm.VmCreationStore;
import com.pveams.application.port.out.vm.VmCreationStore.StoredVm;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Checks the request ({@link VmCreateTransaction#prepare}), reserves its VMID (committed on its own), writes it
 * ({@link VmCreateTransaction#write}) and gives the VMID back when that fails; for the public endpoint it then
 * waits for the build before answering with the stored VM.
 */
@Singleton
public class VmCreateService implements CreateVmUseCase {
    private final VmCreateTransaction transaction;
    private final VmidReservations vmids;
    private final OperationCompletion completion;
    private final VmCreationStore store;
    private final SecretCipher cipher;
    private final VmCreatePolicy policy;

    @Inject
    public VmCreateService(VmCreateTransaction transaction, VmidReservations vmids, OperationCompletion completion,
                           VmCreationStore store, SecretCipher cipher, VmCreatePolicy policy) {
        this.transaction = transaction;
        this.vmids = vmids;
        this.completion = completion;
        this.store = store;
        this.cipher = cipher;
        this.policy = policy;
    }

    @Override
    public CreateVmResult create(CreateVmCommand command) {
        VmCreateTransaction.Prepared prepared = transaction.prepare(command);
        VmCreateTransaction.Written written;
        if (prepared.existingVmId() != null) {
            written = new VmCreateTransaction.Written(prepared.existingVmId(), null, true);
        } else {
            VmidReservations.Reservation reservation = vmids.reserve(prepared.vm().nodeId(), null);
            try {
                written = transaction.write(command, prepared, reservation);
            } catch (RuntimeException e) {
                vmids.release(reservation.id());
                throw e;
            }
            if (written.repeated()) {
                vmids.release(reservation.id());
            }
        }
        if (command.awaitBuild() && written.operationId() != null) {
            Optional<Operation> ended = completion.await(written.operationId(), policy.maxWait());
            if (ended.isPresent() && ended.get().status() == OperationStatus.FAILED) {
                String reason = ended.get().error() == null ? "" : ended.get().error();
                throw new DomainException(ErrorCode.CREATE_VM_FAILED, null, reason, reason);
            }
        }
        StoredVm vm = store.find(written.vmId()).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
        return new CreateVmResult(vm.id(), vm.nodeId(), vm.vmid(), vm.hostname(), vm.flavourId(), vm.sockets(),
                vm.cores(), vm.threads(), vm.nested(), vm.devirtualization(), vm.kvm(), vm.cpuModelId(),
                vm.modelGroupId(), vm.cpu(), vm.cpuUnits(), vm.bwlimitKbps(), vm.args(), vm.arch(), vm.acpi(),
                vm.memoryMb(), vm.storage(), vm.systemDiskGb(), vm.dataDisk(), vm.bridge(), vm.ipConfig(), vm.dns1(),
                vm.osFileName(), vm.osName(), vm.osType(), vm.onBoot(), vm.bandwidthMbps(), vm.username(),
                cipher.decrypt(vm.guestPasswordCiphertext()), vm.status(), vm.expiresAt(), vm.flowLimitBytes(),
                vm.nat(), written.operationId(), written.repeated());
    }
}
