package com.pveams.domain.console;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.vm.VmState;

/**
 * Whether a VM may get a console, in the legacy order: an admin-paused VM is disabled (1018), a VM whose guest is
 * not running (as PVE reports it, not the stored status, which may lag) has no screen to show (1032).
 */
public final class ConsoleAdmission {
    private ConsoleAdmission() {
    }

    /** Checks the stored status; called before PVE is asked. */
    public static void admitStored(VmState stored) {
        if (stored == VmState.PAUSED) {
            throw new DomainException(ErrorCode.VM_IS_DISABLED);
        }
    }

    /** Checks what PVE reports. */
    public static void admitLive(boolean runningOnPve) {
        if (!runningOnPve) {
            throw new DomainException(ErrorCode.VM_IS_NOT_RUNNING);
        }
    }
}
