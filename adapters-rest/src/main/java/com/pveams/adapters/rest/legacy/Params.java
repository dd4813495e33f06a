package com.pveams.adapters.rest.legacy;

import com.pveams.domain.error.DomainException;

/**
 * Query and path parameters arrive as strings and are parsed here, so a bad value is an error naming the
 * parameter (JAX-RS would otherwise turn it into a 404).
 */
public final class Params {
    private Params() {
    }

    public static Integer optionalInt(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "必须是整数", "must be an integer");
        }
    }

    public static long requiredId(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required(field);
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < 1) {
                throw DomainException.invalid(field, "必须是正整数", "must be a positive integer");
            }
            return v;
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "必须是整数", "must be an integer");
        }
    }
}
