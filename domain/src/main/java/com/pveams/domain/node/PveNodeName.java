package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/** A node's name inside PVE ({@code /nodes/{name}/…}), with PVE's own {@code pve-node} syntax. */
public record PveNodeName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    public PveNodeName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a PVE node name");
        }
    }

    /** Parses an optional input: blank means "detect it from the node". */
    public static PveNodeName optional(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        if (!VALID.matcher(v).matches()) {
            throw DomainException.invalid(field, "只能包含字母、数字和 -，且不能以 - 开头或结尾（最长 63）",
                    "may contain only letters, digits and '-', not at either end (at most 63)");
        }
        return new PveNodeName(v);
    }

    @Override
    public String toString() {
        return value;
    }
}
