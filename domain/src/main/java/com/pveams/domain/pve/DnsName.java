package com.pveams.domain.pve;

import java.util.regex.Pattern;

/** PVE's {@code dns-name}: a VM's {@code name} and the cloud-init search domain. Labels of letters, digits and -. */
public final class DnsName {
    private static final Pattern SHAPE = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    private DnsName() {
    }

    public static String check(String field, String v) {
        return PropertyValue.matching(field, v, SHAPE, 253, "不是合法的DNS名称", "is not a valid DNS name");
    }
}
