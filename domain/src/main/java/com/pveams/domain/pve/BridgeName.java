package com.pveams.domain.pve;

import java.util.regex.Pattern;

/** A Linux bridge or SDN vnet a NIC is plugged into ({@code vmbr0}): PVE's {@code pve-bridge-id}, ASCII, IFNAMSIZ. */
public final class BridgeName {
    private static final Pattern SHAPE = Pattern.compile("[-_.A-Za-z0-9]+");
    /** Linux interface names hold at most 15 characters. */
    public static final int MAX = 15;

    private BridgeName() {
    }

    public static String check(String field, String v) {
        return PropertyValue.matching(field, v, SHAPE, MAX, "不是合法的网桥名（字母、数字和 -_.，最长 15）",
                "is not a valid bridge name (letters, digits and -_., at most 15)");
    }
}
