package com.pveams.domain.pve;

import java.util.regex.Pattern;

/** PVE's {@code cpu} type ({@code host}, {@code x86-64-v2-AES}, {@code custom-NAME}): the default key of {@code cpu}. */
public final class CpuType {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private CpuType() {
    }

    public static String check(String field, String v) {
        return PropertyValue.matching(field, v, SHAPE, 64, "不是合法的CPU类型", "is not a valid CPU type");
    }
}
