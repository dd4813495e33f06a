package com.pveams.domain.pve;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/**
 * A PVE volume id {@code STORAGE:VOLNAME} ({@code local:iso/debian.iso}, {@code local-lvm:vm-101-disk-0},
 * {@code rbd:base-100-disk-0/vm-101-disk-0}). The volume name is a relative path of plain segments: PVE's
 * {@code pve-volume-id} allows any text there, but a comma or {@code =} would end the disk's {@code file} and start
 * another option, and {@code ..} would leave the storage's directory.
 */
public final class VolumeId {
    private static final Pattern VOLNAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+@:/-]{0,254}");

    private VolumeId() {
    }

    public static String check(String field, String v) {
        PropertyValue.plain(field, v);
        int colon = v.indexOf(':');
        if (colon < 0) {
            throw invalid(field);
        }
        StorageId.check(field, v.substring(0, colon));
        String volname = v.substring(colon + 1);
        if (!VOLNAME.matcher(volname).matches() || hasDotDotSegment(volname)) {
            throw invalid(field);
        }
        return v;
    }

    /** Whether a path has a {@code ..} segment (shared with {@link ImportSource}). */
    static boolean hasDotDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static DomainException invalid(String field) {
        return DomainException.invalid(field, "不是合法的PVE卷ID（存储:卷名）", "is not a valid PVE volume id (storage:volume)");
    }
}
