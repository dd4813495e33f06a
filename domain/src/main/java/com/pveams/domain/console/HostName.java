package com.pveams.domain.console;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/**
 * A bare network host as an operator types it: a DNS host name, an IPv4 address or an IPv6 address (brackets
 * allowed, stored without them). No scheme, port, path or credentials: those would end up inside the URLs the
 * console hands to users, so they are refused rather than stripped. Parsing never resolves anything.
 */
public final class HostName {
    public static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private HostName() {
    }

    /** The host, stripped of surrounding blanks and IPv6 brackets; refused naming {@code field}. */
    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.required(field);
        }
        String v = value.strip();
        if (v.contains("://")) {
            throw DomainException.invalid(field, "只能是主机名或 IP 地址，不能包含协议（如 https://）",
                    "must be a host name or IP address without a scheme (such as https://)");
        }
        if (v.chars().anyMatch(c -> c == '/' || c == '?' || c == '#' || c == '@' || c == '\\' || Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            throw DomainException.invalid(field, "只能是主机名或 IP 地址，不能包含路径、空白或用户信息",
                    "must be a host name or IP address without a path, blanks or user info");
        }
        if (v.startsWith("[") && v.endsWith("]")) {
            String inner = v.substring(1, v.length() - 1);
            if (!isIpv6(inner)) {
                throw invalidHost(field);
            }
            return inner;
        }
        if (v.indexOf(':') >= 0) {
            if (isIpv6(v)) {
                return v;
            }
            throw DomainException.invalid(field, "不能包含端口（端口请填写在 port 中）或不是合法的 IPv6 地址",
                    "must not contain a port (use the port field) and is not a valid IPv6 address");
        }
        if (IPV4_LIKE.matcher(v).matches()) {
            if (!isIpv4(v)) {
                throw invalidHost(field);
            }
            return v;
        }
        if (!isDnsName(v)) {
            throw invalidHost(field);
        }
        return v;
    }

    /** Like {@link #require} but absent or blank means "none" (null). */
    public static String optional(String field, String value) {
        return value == null || value.isBlank() ? null : require(field, value);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        int groups = 0;
        String head = s;
        String tail = "";
        int gap = s.indexOf("::");
        if (gap >= 0) {
            if (s.indexOf("::", gap + 1) >= 0) {
                return false;
            }
            head = s.substring(0, gap);
            tail = s.substring(gap + 2);
        }
        String[] all = (head + (gap >= 0 && !tail.isEmpty() && !head.isEmpty() ? ":" : "") + tail).split(":", -1);
        if (head.isEmpty() && tail.isEmpty()) {
            return gap >= 0; // "::"
        }
        for (int i = 0; i < all.length; i++) {
            String g = all[i];
            boolean last = i == all.length - 1;
            // an embedded IPv4 address may only end the address ("::ffff:1.2.3.4", not "1.2.3.4::")
            if (last && g.indexOf('.') >= 0 && (gap < 0 || !tail.isEmpty())) {
                if (!isIpv4(g)) {
                    return false;
                }
                groups += 2;
            } else if (HEX_GROUP.matcher(g).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }

    static boolean isDnsName(String s) {
        if (s.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = s.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // an all-numeric last label would make "1.2.3.999" a host name instead of a bad address
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static DomainException invalidHost(String field) {
        return DomainException.invalid(field, "不是合法的主机名或 IP 地址", "is not a valid host name or IP address");
    }
}
