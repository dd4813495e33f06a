package com.pveams.application.service.vm.reinstall;

import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.out.vm.VmReinstallRows;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.vm.reinstall.DiskLayout;
import com.pveams.domain.vm.reinstall.ImageReference;
import com.pveams.domain.vm.reinstall.ReinstallImage;
import com.pveams.domain.vm.reinstall.ReinstallableVm;
import com.pveams.domain.vm.reinstall.ReinstallableVm.Reinstall;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/** The short transactions of a reinstall, for the service and the step handlers. */
@Singleton
public class VmReinstallWrites {
    private final VmReinstallRows rows;
    private final StartOperation operations;

    @Inject
    public VmReinstallWrites(VmReinstallRows rows, StartOperation operations) {
        this.rows = rows;
        this.operations = operations;
    }

    @Transactional
    public ReinstallableVm read(long vmId) {
        return rows.find(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
    }

    /** The image the client named, as found on the VM's node; 1014 when no lookup finds one. */
    @Transactional
    public ReinstallImage image(ImageReference reference, long nodeId) {
        return rows.findImage(reference, nodeId)
                .orElseThrow(() -> new DomainException(ErrorCode.CLOUD_IMAGE_NOT_EXIST, "os", null, null));
    }

    /**
     * Locks the row, checks it again, writes status 13, the image columns, the login and the pending password, and
     * starts the operation, all or nothing: a refused start (1080) leaves the row as it was.
     */
    @Transactional
    public long start(long vmId, ReinstallImage image, String importFrom, DiskLayout disks, boolean resetDataDisk,
                      byte[] pendingPasswordCiphertext, String requestedBy) {
        ReinstallableVm vm = rows.lock(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
        Reinstall reinstall = vm.reinstall(image, importFrom, disks, resetDataDisk, requestedBy);
        rows.begin(reinstall, pendingPasswordCiphertext);
        return operations.start(reinstall.operation());
    }

    @Transactional
    public void abandon(long vmId) {
        rows.abandon(vmId);
    }
}
