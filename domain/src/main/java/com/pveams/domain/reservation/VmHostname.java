package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A VM's hostname: a DNS name, which PVE requires (the legacy server only refused Chinese, code 1031, and let PVE
 * fail the create later). Unique among live VMs regardless of case, as DNS compares names.
 */
public record VmHostname(String value) {
    private static final Pattern LABELS =
            Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    public static VmHostname of(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.required("hostname");
        }
        String v = text.strip();
        if (v.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            throw new DomainException(ErrorCode.HOSTNAME_NOT_CHINESE, "hostname", null, null);
        }
        if (v.length() > 253 || !LABELS.matcher(v).matches()) {
            throw DomainException.invalid("hostname", "必须是合法的 DNS 名称（字母、数字、连字符，以点分隔，每段最多 63 个字符）",
                    "must be a DNS name (letters, digits and hyphens in dot-separated labels of at most 63 characters)");
        }
        return new VmHostname(v);
    }

    /** The form uniqueness is judged on. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    public static DomainException taken(VmHostname name) {
        return new DomainException(ErrorCode.HOSTNAME_IS_EXIST, "hostname", name.value + " 已被使用", name.value + " is taken");
    }
}
