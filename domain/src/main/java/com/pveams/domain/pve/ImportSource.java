package com.pveams.domain.pve;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/**
 * What a disk's {@code import-from} names: a {@link VolumeId} or an absolute path on the node (PVE's
 * {@code pve-volume-id-or-absolute-path}; a path needs root@pam). The path is plain segments without {@code ..}.
 */
public final class ImportSource {
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._+@/-]{1,4095}");

    private ImportSource() {
    }

    public static String check(String field, String v) {
        PropertyValue.plain(field, v);
        if (!v.startsWith("/")) {
            return VolumeId.check(field, v);
        }
        if (!PATH.matcher(v).matches() || VolumeId.hasDotDotSegment(v) || v.endsWith("/")) {
            throw DomainException.invalid(field, "必须是PVE卷ID或不含 .. 的绝对文件路径",
                    "must be a PVE volume id or an absolute file path without '..'");
        }
        return v;
    }

    /** Whether the source is a path on the node rather than a volume (PVE allows that only to root@pam). */
    public static boolean isPath(String checked) {
        return checked.startsWith("/");
    }
}
