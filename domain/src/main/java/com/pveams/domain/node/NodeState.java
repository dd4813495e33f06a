package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

/** The legacy {@code status} of a node: the codes travel unchanged through the API and the database. */
public enum NodeState {
    /** The PVE API answered the latest check. */
    ONLINE(0),
    /** The latest check failed (unreachable, refused credentials, certificate changed). */
    OFFLINE(1),
    /** Switched off by an admin: not checked, not offered for new VMs. */
    DISABLED(2);

    private final int code;

    NodeState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NodeState ofCode(int code) {
        for (NodeState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown node status " + code);
    }

    /**
     * What an admin asks for with the {@code status} field: 2 disables the node; 0 and 1 both mean "in service"
     * (online/offline is the monitor's verdict, not an admin's choice); null leaves it as it is.
     *
     * @return null for "keep", {@link #DISABLED}, or {@link #ONLINE} for "in service"
     */
    public static NodeState requestedByAdmin(Integer code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case 0, 1 -> ONLINE;
            case 2 -> DISABLED;
            default -> throw DomainException.invalid("status", "只能是 0（正常）、1 或 2（停用）",
                    "must be 0 (in service), 1 or 2 (disabled)");
        };
    }
}
