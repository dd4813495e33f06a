package com.pveams.domain.hardware;

import com.pveams.domain.error.DomainException;

/**
 * Values an admin types that end up inside QEMU {@code args}. PVE splits {@code args} like a shell (quotes and
 * backslashes are syntax, whitespace separates arguments) and QEMU splits an option at commas. A value is therefore
 * printable ASCII without quotes, backslashes or commas, and is rendered single-quoted: it can contain spaces but
 * can never end its quote, start another option or become another argument (legacy weakness 14).
 */
public final class QemuText {
    private QemuText() {
    }

    /** Null or blank → null; otherwise the stripped value, checked. */
    public static String optional(String field, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return check(field, raw.strip(), maxLength);
    }

    public static String required(String field, String raw, int maxLength) {
        String v = optional(field, raw, maxLength);
        if (v == null) {
            throw DomainException.required(field);
        }
        return v;
    }

    /** Checks the value as it is (no stripping: some values, like CPUID vendor strings, are space-padded). */
    public static String check(String field, String v, int maxLength) {
        if (v.length() > maxLength) {
            throw DomainException.invalid(field, "长度不能超过 " + maxLength, "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\'' || c == '"' || c == '\\' || c == ',') {
                throw DomainException.invalid(field, "只能包含可打印 ASCII 字符，且不能包含引号、反斜杠或逗号",
                        "may contain only printable ASCII characters without quotes, backslashes or commas");
            }
        }
        return v;
    }

    /** The value as one shell word fragment: single quotes keep spaces inside the option. */
    static String quoted(String v) {
        return "'" + v + "'";
    }
}
