package com.pveams.domain.pve;

import java.util.regex.Pattern;

/** One VM tag: PVE's {@code pve-tag}; {@code tags} joins them with {@code ;}. */
public final class PveTag {
    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_\\-+.]*");

    private PveTag() {
    }

    public static String check(String field, String v) {
        return PropertyValue.matching(field, v, SHAPE, 64, "不是合法的PVE标签", "is not a valid PVE tag");
    }
}
