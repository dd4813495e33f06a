package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.util.Locale;
import java.util.Optional;

/**
 * The power actions of the API, in the contract's vocabulary: {@code stop} is the graceful (ACPI) shutdown and
 * {@code shutdown} the forced power-off, the reverse of PVE's names. {@code suspend} hibernates to disk as the
 * legacy did; {@code pause} is the administrative suspension (the VM is powered off and held, status 4) and
 * {@code unpause} lifts it.
 */
public enum VmPowerAction {
    START("start"), STOP("stop"), SHUTDOWN("shutdown"), REBOOT("reboot"), SUSPEND("suspend"), RESUME("resume"),
    PAUSE("pause"), UNPAUSE("unpause");

    private final String apiName;

    VmPowerAction(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The action named in the path; anything else is refused naming {@code action}. */
    public static VmPowerAction parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required("action");
        }
        String name = raw.trim().toLowerCase(Locale.ROOT);
        for (VmPowerAction a : values()) {
            if (a.apiName.equals(name)) {
                return a;
            }
        }
        throw DomainException.invalid("action", "必须是 start、stop、shutdown、reboot、suspend、resume、pause 或 unpause",
                "must be start, stop, shutdown, reboot, suspend, resume, pause or unpause");
    }

    /** True for the actions that power the guest on or keep it running. */
    public boolean powersOn() {
        return this == START || this == REBOOT || this == RESUME || this == UNPAUSE;
    }

    /**
     * Checks that a VM in {@code current} may take this action (legacy §6.1, plus the expiry date: an expired VM is
     * not powered on even before the expiry job marked it) and returns the statuses the operation goes through.
     */
    public PowerTransition admit(VmState current, boolean pastExpiry) {
        if (current == VmState.CREATING || current == VmState.REINSTALLING) {
            throw new DomainException(ErrorCode.VM_IS_INSTALLOS);
        }
        if (this == UNPAUSE && current != VmState.PAUSED && current != VmState.OVER_QUOTA) {
            throw DomainException.failure("虚拟机未暂停", "The virtual machine is not paused");
        }
        boolean guestRuns = powersOn() || this == SUSPEND;
        if (guestRuns && this != UNPAUSE) {
            if (current == VmState.PAUSED) {
                throw new DomainException(ErrorCode.VM_IS_DISABLED);
            }
            if (current == VmState.OVER_QUOTA) {
                throw DomainException.failure("虚拟机流量超限", "The virtual machine is over its traffic quota");
            }
        }
        if (guestRuns && (current == VmState.EXPIRED || pastExpiry)) {
            throw new DomainException(ErrorCode.VM_IS_EXPIRED);
        }
        return switch (this) {
            case START -> new PowerTransition(this, current, VmState.STARTING, VmState.RUNNING);
            case REBOOT -> new PowerTransition(this, current, VmState.REBOOTING, VmState.RUNNING);
            case RESUME, UNPAUSE -> new PowerTransition(this, current, VmState.RESUMING, VmState.RUNNING);
            case SUSPEND -> new PowerTransition(this, current, VmState.SUSPENDING, VmState.SUSPENDED);
            case PAUSE -> new PowerTransition(this, current, VmState.PAUSING, VmState.PAUSED);
            // an administratively paused or expired VM stays so when it is (again) powered off
            case STOP, SHUTDOWN -> new PowerTransition(this, current,
                    this == STOP ? VmState.STOPPING : VmState.FORCE_STOPPING,
                    current == VmState.PAUSED || current == VmState.EXPIRED ? current : VmState.STOPPED);
        };
    }

    /**
     * What PVE must do next for this action, given the VM's state there; empty when the action's effect is already
     * there (a re-run or a start of a running VM is then a no-op). A reboot always reboots a running VM.
     */
    public Optional<PveCall> nextCall(ObservedPower vm) {
        return switch (this) {
            case START, RESUME, UNPAUSE -> vm.running()
                    ? (vm.paused() ? Optional.of(PveCall.RESUME) : Optional.empty())
                    : Optional.of(PveCall.START);
            case REBOOT -> Optional.of(vm.running() ? PveCall.REBOOT : PveCall.START);
            case STOP -> vm.running() ? Optional.of(PveCall.GRACEFUL_SHUTDOWN) : Optional.empty();
            case SHUTDOWN, PAUSE -> vm.running() ? Optional.of(PveCall.FORCED_STOP) : Optional.empty();
            case SUSPEND -> vm.running() ? Optional.of(PveCall.HIBERNATE) : Optional.empty();
        };
    }

    /** The PVE requests the actions map to. */
    public enum PveCall {
        START, RESUME, REBOOT, GRACEFUL_SHUTDOWN, FORCED_STOP, HIBERNATE
    }
}
