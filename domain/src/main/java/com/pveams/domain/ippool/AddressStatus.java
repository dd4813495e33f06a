package com.pveams.domain.ippool;

import com.pveams.domain.error.DomainException;

/** Status of a pool address, stored and shown as the legacy numbers. */
public enum AddressStatus {
    FREE(0), USED(1), DISABLED(2), GATEWAY(3);

    private final int code;

    AddressStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AddressStatus of(int code, String field) {
        for (AddressStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw DomainException.invalid(field, "必须是 0（空闲）、1（已用）、2（禁用）或 3（网关）",
                "must be 0 (free), 1 (used), 2 (disabled) or 3 (gateway)");
    }
}
