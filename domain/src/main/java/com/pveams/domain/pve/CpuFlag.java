package com.pveams.domain.pve;

import java.util.regex.Pattern;

/**
 * One CPU flag of {@code cpu}'s {@code flags} ({@code +aes}, {@code -pcid}): PVE's {@code [+-]NAME}; one flag, so a
 * {@code ;} (PVE's list separator) cannot add another.
 */
public final class CpuFlag {
    private static final Pattern SHAPE = Pattern.compile("[+-][a-zA-Z0-9\\-_.]+");

    private CpuFlag() {
    }

    public static String check(String field, String v) {
        return PropertyValue.matching(field, v, SHAPE, 64, "必须是 +flag 或 -flag", "must be +flag or -flag");
    }
}
