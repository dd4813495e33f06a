package com.pveams.domain.settings;

import com.pveams.domain.error.DomainException;

/** System disk size (GB) given to a new VM when neither the request nor its flavour names one. */
public record DefaultDiskSizes(int linuxGb, int windowsGb) {
    public static final int MAX_GB = 65536;

    public DefaultDiskSizes {
        check("Linux", linuxGb);
        check("Windows", windowsGb);
    }

    public static DefaultDiskSizes of(Integer linuxGb, Integer windowsGb) {
        if (linuxGb == null) {
            throw DomainException.required("Linux");
        }
        if (windowsGb == null) {
            throw DomainException.required("Windows");
        }
        return new DefaultDiskSizes(linuxGb, windowsGb);
    }

    private static void check(String field, int gb) {
        if (gb < 1 || gb > MAX_GB) {
            throw DomainException.invalid(field, "必须在 1 到 " + MAX_GB + " 之间（GB）", "must be between 1 and " + MAX_GB + " (GB)");
        }
    }
}
