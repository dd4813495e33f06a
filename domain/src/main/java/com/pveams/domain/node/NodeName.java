package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

/** The name operators give a node (unique; shown in lists and used to name its console front-end). */
public record NodeName(String value) {
    public static final int MAX_LENGTH = 64;

    public NodeName {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not a node name");
        }
    }

    /** The given name, or when none is given {@code <PVE node name>@<host>} (cut to the maximum length). */
    public static NodeName orDefault(String raw, PveNodeName pveNodeName, HostAddress host) {
        if (raw == null || raw.isBlank()) {
            String d = pveNodeName.value() + "@" + host.value();
            return new NodeName(d.length() > MAX_LENGTH ? d.substring(0, MAX_LENGTH) : d);
        }
        return of(raw);
    }

    public static NodeName of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required("name");
        }
        String v = raw.strip();
        if (v.length() > MAX_LENGTH || v.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "最长 64 个字符，不能含控制字符",
                    "must be at most 64 characters without control characters");
        }
        return new NodeName(v);
    }

    @Override
    public String toString() {
        return value;
    }
}
