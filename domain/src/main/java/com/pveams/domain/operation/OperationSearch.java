package com.pveams.domain.operation;

import com.pveams.domain.error.DomainException;

import java.util.Locale;

/** Filters of the admin operation list; every one optional. */
public record OperationSearch(OperationStatus status, String type, Long vmId) {
    public static final OperationSearch ALL = new OperationSearch(null, null, null);

    public OperationSearch {
        if (type != null) {
            OperationData.name(type, "type");
        }
        if (vmId != null && vmId < 1) {
            throw DomainException.invalid("vmId", "必须是正整数", "must be a positive integer");
        }
    }

    /** From the query string: blank means "any"; status and type are case-insensitive. */
    public static OperationSearch of(String status, String type, String vmId) {
        return new OperationSearch(status(status), blank(type) ? null : type.strip().toUpperCase(Locale.ROOT), vmId(vmId));
    }

    private static OperationStatus status(String raw) {
        if (blank(raw)) {
            return null;
        }
        try {
            return OperationStatus.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("status", "必须是PENDING、RUNNING、COMPENSATING、SUCCEEDED、FAILED或CANCELLED",
                    "must be PENDING, RUNNING, COMPENSATING, SUCCEEDED, FAILED or CANCELLED");
        }
    }

    private static Long vmId(String raw) {
        if (blank(raw)) {
            return null;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("vmId", "必须是整数", "must be an integer");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
