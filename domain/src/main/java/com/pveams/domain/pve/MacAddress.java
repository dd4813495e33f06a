package com.pveams.domain.pve;

import com.pveams.domain.error.DomainException;

import java.util.Locale;
import java.util.regex.Pattern;

/** A NIC's MAC address as PVE's {@code mac-addr} wants it: six colon-separated octets, unicast; shown upper-case. */
public final class MacAddress {
    private static final Pattern SHAPE = Pattern.compile("[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}");

    private MacAddress() {
    }

    /** The canonical (upper-case) form, or a refusal naming {@code field}. */
    public static String check(String field, String v) {
        PropertyValue.matching(field, v, SHAPE, 17, "不是合法的 MAC 地址（XX:XX:XX:XX:XX:XX）",
                "is not a valid MAC address (XX:XX:XX:XX:XX:XX)");
        if ((Integer.parseInt(v.substring(0, 2), 16) & 1) != 0) {
            throw DomainException.invalid(field, "必须是单播 MAC 地址", "must be a unicast MAC address");
        }
        return v.toUpperCase(Locale.ROOT);
    }
}
