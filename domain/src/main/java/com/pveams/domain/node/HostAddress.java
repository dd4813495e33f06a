package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a node listens: a DNS name or an IP literal, nothing else (no scheme, port, path or spaces), because the
 * value becomes part of URLs and SSH targets.
 */
public record HostAddress(String value) {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public HostAddress {
        if (!valid(value)) {
            throw new IllegalArgumentException("not a host address");
        }
    }

    public static HostAddress of(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required(field);
        }
        String v = raw.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!valid(v)) {
            throw DomainException.invalid(field, "必须是域名或IP地址（不含协议、端口和路径）",
                    "must be a DNS name or an IP address (no scheme, port or path)");
        }
        return new HostAddress(v.contains(":") ? v.toLowerCase(Locale.ROOT) : v);
    }

    private static boolean valid(String v) {
        if (v == null || v.isEmpty() || v.length() > 253) {
            return false;
        }
        if (v.contains(":")) {
            return IPV6.matcher(v).matches() && v.chars().filter(c -> c == ':').count() >= 2;
        }
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        String name = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        if (name.isEmpty() || name.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return false; // digits and dots only would be a broken IPv4 literal, not a name
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
