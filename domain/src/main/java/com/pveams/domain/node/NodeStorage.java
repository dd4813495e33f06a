package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.pve.StorageId;

import java.util.regex.Pattern;

/** Where a node keeps things: its image directory (a path used over SSH) and PVE storage ids. */
public final class NodeStorage {
    public static final String DEFAULT_IMAGE_DIR = "/home/images";
    private static final Pattern DIR = Pattern.compile("/[A-Za-z0-9._/-]{0,254}");

    private NodeStorage() {
    }

    /** An absolute directory without {@code ..} segments or shell-significant characters. */
    public static String imageDir(String raw, String current) {
        if (raw == null || raw.isBlank()) {
            return current != null ? current : DEFAULT_IMAGE_DIR;
        }
        String v = raw.strip();
        if (!DIR.matcher(v).matches() || v.matches("(.*/)?\\.\\.(/.*)?")) {
            throw DomainException.invalid("imageDir", "必须是绝对路径，只含字母、数字和 . _ - /，且不含 ..",
                    "must be an absolute path of letters, digits and . _ - / without '..'");
        }
        return v.length() > 1 && v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    /** A PVE storage id ({@link StorageId}), or null when blank. */
    public static String storageId(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return StorageId.check(field, raw.strip());
    }
}
