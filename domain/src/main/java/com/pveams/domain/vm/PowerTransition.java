package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored statuses a power operation goes through: {@code transitional} while it runs (what the legacy showed
 * at once), {@code settled} once PVE did it, {@code previous} back again if it fails for good.
 */
public record PowerTransition(VmPowerAction action, VmState previous, VmState transitional, VmState settled) {

    /** Operation type of a power action an admin or a billing panel asked for. */
    public static final String TYPE_PREFIX = "VM_POWER_";
    /** Operation type of the expiry job's stop. */
    public static final String EXPIRY_TYPE = "VM_EXPIRY_STOP";
    /** Operation type of the start after a renewal. */
    public static final String RENEWAL_TYPE = "VM_RENEWAL_START";

    /**
     * The expiry job's stop (the legacy started expired VMs: BUG): graceful with a forced power-off after the
     * timeout, and the VM is marked expired at once, so nobody powers it on meanwhile and the job does not pick
     * it again. Creating and reinstalling VMs wait for the next run; a paused VM is already off and stays paused.
     */
    public static PowerTransition expire(VmState current) {
        if (current == VmState.CREATING || current == VmState.REINSTALLING) {
            throw new DomainException(ErrorCode.VM_IS_INSTALLOS);
        }
        if (current == VmState.PAUSED || current == VmState.EXPIRED) {
            throw DomainException.failure("虚拟机已停用或已到期", "The virtual machine is already paused or expired");
        }
        return new PowerTransition(VmPowerAction.STOP, current, VmState.EXPIRED, VmState.EXPIRED);
    }

    /** The start of a VM the expiry job stopped, once it is renewed; if it fails the VM is simply stopped. */
    public static PowerTransition startAfterRenewal() {
        return new PowerTransition(VmPowerAction.START, VmState.STOPPED, VmState.STARTING, VmState.RUNNING);
    }

    /** The operation's parameters: what the step handlers need, never secrets. */
    public Map<String, Object> params(int vmid) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("action", action.apiName());
        p.put("vmid", vmid);
        p.put("previousStatus", previous.code());
        p.put("transitionalStatus", transitional.code());
        p.put("settledStatus", settled.code());
        return p;
    }

    /** Reads back what {@link #params} wrote. */
    public static PowerTransition fromParams(Map<String, Object> p) {
        return new PowerTransition(VmPowerAction.parse(String.valueOf(p.get("action"))),
                VmState.stored(number(p, "previousStatus")), VmState.stored(number(p, "transitionalStatus")),
                VmState.stored(number(p, "settledStatus")));
    }

    private static int number(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (!(v instanceof Number n)) {
            throw DomainException.invalid(key, "缺少状态", "is missing");
        }
        return n.intValue();
    }
}
