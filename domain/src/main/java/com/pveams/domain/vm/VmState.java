package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;

/**
 * The legacy VM status codes ({@code vmhost.status}, stored in {@code vm.status}). Clients send and read the
 * numbers, so the code of each constant is part of the contract.
 */
public enum VmState {
    RUNNING(0), STOPPED(1), SUSPENDED(2), RESUMING(3), PAUSED(4), EXPIRED(5), CREATING(6), STARTING(7),
    STOPPING(8), FORCE_STOPPING(9), SUSPENDING(10), PAUSING(11), REBOOTING(12), REINSTALLING(13),
    RESETTING_PASSWORD(14), OVER_QUOTA(15);

    private final int code;

    VmState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state with this code; an unknown or missing code is refused naming {@code field}. */
    public static VmState ofCode(Integer code, String field) {
        if (code == null) {
            throw DomainException.required(field);
        }
        for (VmState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw DomainException.invalid(field, "必须是 0 到 15 之间的状态码", "must be a status code from 0 to 15");
    }

    /** The state a stored code means; codes the schema refuses never reach here. */
    public static VmState stored(int code) {
        return ofCode(code, "status");
    }
}
