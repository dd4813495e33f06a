package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;

/**
 * Deletes a VM for good (admin {@code delete/{hostId}}, public {@code /api/v1/pve/delete/{hostId}}): a durable
 * operation stops it, destroys it on PVE with its disks, frees its addresses and VMID reservation and marks the row
 * deleted. The call answers once the operation is started.
 */
public interface DeleteVmUseCase {

    /**
     * @throws DomainException VM_NOT_EXIST (1016) for an unknown or already deleted VM,
     *                         VM_OPERATION_IN_PROGRESS (1080) while another operation works on it
     */
    Accepted delete(DeleteVm command);

    /** @param hostId the VM row id (never the PVE vmid, as the contract says) */
    record DeleteVm(long hostId, String requestedBy) {
        public DeleteVm {
            if (hostId < 1) {
                throw DomainException.invalid("hostId", "必须是正整数", "must be a positive integer");
            }
        }
    }

    record Accepted(long hostId, long operationId) {
    }
}
