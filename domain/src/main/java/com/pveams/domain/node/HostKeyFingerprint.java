package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/** A pinned SSH host key, as OpenSSH prints it: {@code SHA256:} and 43 characters of unpadded base64. */
public record HostKeyFingerprint(String value) {
    private static final Pattern VALID = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    public HostKeyFingerprint {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not an OpenSSH SHA256 fingerprint");
        }
    }

    /** An operator-supplied expected fingerprint, or null if none was given. */
    public static HostKeyFingerprint optional(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        if (!VALID.matcher(v).matches()) {
            throw DomainException.invalid(field, "必须是 OpenSSH 的 SHA256 指纹（SHA256:…）",
                    "must be an OpenSSH SHA256 fingerprint (SHA256:…)");
        }
        return new HostKeyFingerprint(v);
    }

    @Override
    public String toString() {
        return value;
    }
}
