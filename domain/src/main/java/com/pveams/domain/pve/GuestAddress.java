package com.pveams.domain.pve;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;

import java.util.Set;

/**
 * Addresses as cloud-init options carry them: {@code ipconfig}'s {@code ip}/{@code ip6} (a CIDR or a keyword),
 * {@code gw}/{@code gw6} and {@code nameserver}. Checked as PVE's {@code pve-ipv4-config}/{@code pve-ipv6-config}
 * (prefix at least /8) and returned in canonical form, so the text sent is the parsed address, never the input.
 */
public final class GuestAddress {
    private static final Set<String> V4_KEYWORDS = Set.of("dhcp", "manual");
    private static final Set<String> V6_KEYWORDS = Set.of("dhcp", "auto", "manual");
    private static final int MIN_PREFIX = 8;

    private GuestAddress() {
    }

    /** {@code ip}: an IPv4 CIDR ({@code 192.0.2.10/24}), {@code dhcp} or {@code manual}. */
    public static String ipv4Config(String field, String v) {
        return config(field, v, 4, V4_KEYWORDS);
    }

    /** {@code ip6}: an IPv6 CIDR, {@code dhcp}, {@code auto} or {@code manual}. */
    public static String ipv6Config(String field, String v) {
        return config(field, v, 6, V6_KEYWORDS);
    }

    /** A gateway or name server: one address of the given version (0 = either). */
    public static String address(String field, String v, int version) {
        PropertyValue.plain(field, v);
        IpAddress a = IpAddress.parse(v, field);
        if (version != 0 && a.version() != version) {
            throw DomainException.invalid(field, "必须是 IPv" + version + " 地址", "must be an IPv" + version + " address");
        }
        return a.toString();
    }

    private static String config(String field, String v, int version, Set<String> keywords) {
        PropertyValue.plain(field, v);
        if (keywords.contains(v)) {
            return v;
        }
        int slash = v.indexOf('/');
        String prefixText = slash < 0 ? "" : v.substring(slash + 1);
        if (slash < 0 || prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
            throw DomainException.invalid(field, "必须是 地址/前缀长度 或 " + keywords, "must be address/prefix or one of " + keywords);
        }
        String address = address(field, v.substring(0, slash), version);
        int prefix = Integer.parseInt(prefixText);
        int bits = version == 4 ? 32 : 128;
        if (prefix < MIN_PREFIX || prefix > bits) {
            throw DomainException.invalid(field, "前缀长度必须在 " + MIN_PREFIX + " 到 " + bits + " 之间",
                    "prefix length must be between " + MIN_PREFIX + " and " + bits);
        }
        return address + "/" + prefix;
    }
}
