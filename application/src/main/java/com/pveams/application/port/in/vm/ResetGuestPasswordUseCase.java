package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.vm.GuestPassword;
import com.pveams.domain.vm.PasswordResetMethod;

/**
 * Changes a VM's guest password (public {@code updateVmConfig/restPassword}): through the QEMU guest agent when it
 * answers, otherwise through cloud-init and a restart of a running VM. A durable operation does it; the answer says
 * which way it goes.
 */
public interface ResetGuestPasswordUseCase {

    /**
     * @throws DomainException VM_NOT_EXIST (1016), VM_IS_DISABLED (1018), VM_IS_EXPIRED (1021),
     *                         VM_IS_INSTALLOS (1042), VM_OPERATION_IN_PROGRESS (1080)
     */
    Accepted reset(ResetGuestPassword command);

    /** Self-validating: a missing id names {@code hostId}, a blank password is 1022 naming {@code newPassword}. */
    record ResetGuestPassword(long hostId, GuestPassword password, String requestedBy) {
        public static ResetGuestPassword of(Long hostId, String newPassword, String requestedBy) {
            if (hostId == null) {
                throw DomainException.required("hostId");
            }
            if (hostId < 1) {
                throw DomainException.invalid("hostId", "必须是正整数", "must be a positive integer");
            }
            return new ResetGuestPassword(hostId, GuestPassword.of(newPassword, "newPassword"), requestedBy);
        }

        @Override
        public String toString() {
            return "ResetGuestPassword[hostId=" + hostId + ", requestedBy=" + requestedBy + "]";
        }
    }

    record Accepted(long hostId, long operationId, PasswordResetMethod method) {
    }
}
