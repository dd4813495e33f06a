package com.pveams.domain.pve;

import java.util.regex.Pattern;

/** A PVE storage id ({@code local-lvm}, {@code ceph.rbd}): PVE's {@code pve-storage-id}, at most 64 characters. */
public final class StorageId {
    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]");
    public static final int MAX = 64;

    private StorageId() {
    }

    /** Whether {@code v} is a storage id (for callers that word their own refusal). */
    public static boolean isValid(String v) {
        return v != null && v.length() <= MAX && SHAPE.matcher(v).matches();
    }

    /** The value if it is a storage id, else a refusal naming {@code field}. */
    public static String check(String field, String v) {
        return PropertyValue.matching(field, v, SHAPE, MAX, "不是合法的PVE存储ID", "is not a valid PVE storage id");
    }
}
