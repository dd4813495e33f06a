package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.vm.GuestPassword;
import com.pveams.domain.vm.reinstall.ImageReference;

import java.util.Optional;

/**
 * Reinstalls a VM from an image (admin {@code reinstall}, public {@code /api/v1/pve/reinstall}): same vmid,
 * addresses, MAC and hardware, a new system disk, optionally empty data disks. A durable operation does it; the
 * answer comes once it is started.
 */
public interface ReinstallVmUseCase {

    /**
     * @throws DomainException VM_NOT_EXIST (1016), NODE_NOT_EXIST (1002), NODE_NOT_AVAILABLE (1003),
     *                         VM_IS_DISABLED (1018), VM_IS_EXPIRED (1021), VM_IS_INSTALLOS (1042),
     *                         CLOUD_IMAGE_NOT_EXIST (1014), CLOUD_IMAGE_NOT_AVAILABLE (1015), VM_HAS_SNAPSHOT (1044),
     *                         VM_OPERATION_IN_PROGRESS (1080)
     */
    Accepted reinstall(ReinstallVm command);

    /**
     * Self-validating. {@code newPassword} missing or blank keeps the guest's password (the contract: "为空不重置");
     * {@code resetDataDisk} missing means false.
     */
    record ReinstallVm(long hostId, ImageReference image, Optional<GuestPassword> newPassword, boolean resetDataDisk,
                       String requestedBy) {
        public static ReinstallVm of(Long hostId, String os, String newPassword, Boolean resetDataDisk,
                                     String requestedBy) {
            if (hostId == null) {
                throw DomainException.required("hostId");
            }
            if (hostId < 1) {
                throw DomainException.invalid("hostId", "必须是正整数", "must be a positive integer");
            }
            ImageReference image = ImageReference.of(os);
            Optional<GuestPassword> password = newPassword == null || newPassword.isBlank() ? Optional.empty()
                    : Optional.of(GuestPassword.of(newPassword, "newPassword"));
            return new ReinstallVm(hostId, image, password, Boolean.TRUE.equals(resetDataDisk), requestedBy);
        }

        @Override
        public String toString() {
            return "ReinstallVm[hostId=" + hostId + ", image=" + image.value() + ", resetDataDisk=" + resetDataDisk
                    + ", requestedBy=" + requestedBy + "]";
        }
    }

    record Accepted(long hostId, long operationId) {
    }
}
