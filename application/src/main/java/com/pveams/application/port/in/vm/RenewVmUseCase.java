package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

/**
 * The public {@code updateVmConfig/renewal}: moves the VM's expiry and starts it again (a power operation) when
 * the expiry job had stopped it.
 */
public interface RenewVmUseCase {

    /** @return the start operation's id when the renewal started the VM again */
    java.util.OptionalLong renew(RenewVmCommand command);

    /** The legacy body {@code {hostId, expirationTime}}; a missing hostId is an unknown VM (1016) as it was. */
    record RenewVmCommand(long hostId, Long expirationTime, String requestedBy) {
        public RenewVmCommand {
            if (hostId < 1) {
                throw new DomainException(ErrorCode.VM_NOT_EXIST);
            }
        }

        public static RenewVmCommand of(Long hostId, Long expirationTime, String requestedBy) {
            if (hostId == null) {
                throw new DomainException(ErrorCode.VM_NOT_EXIST);
            }
            return new RenewVmCommand(hostId, expirationTime, requestedBy);
        }
    }
}
