package com.pveams.domain.settings;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/**
 * System-wide settings (one row): default disk sizes, the default restore/migration bandwidth limit, console
 * session lifetime, recycle-bin retention, and the node-side shared secret.
 */
public record SystemSettings(DefaultDiskSizes diskSizes, int defaultBwlimitKbps, int vncSessionMinutes,
                             int recycleBinDays, String controlledSecret) {
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{16,128}");

    public SystemSettings {
        if (diskSizes == null) {
            throw DomainException.required("diskSizes");
        }
        range("bwlimit", defaultBwlimitKbps, 0, Integer.MAX_VALUE);
        range("vncTime", vncSessionMinutes, 1, 24 * 60);
        range("deleteDays", recycleBinDays, 0, 3650);
        if (controlledSecret == null || !SECRET.matcher(controlledSecret).matches()) {
            throw DomainException.invalid("token", "必须是 16 到 128 位字母或数字", "must be 16 to 128 letters or digits");
        }
    }

    /** Applies the fields an operator sent; null means unchanged. */
    public SystemSettings with(Patch p) {
        return new SystemSettings(
                new DefaultDiskSizes(p.linuxGb() == null ? diskSizes.linuxGb() : p.linuxGb(),
                        p.windowsGb() == null ? diskSizes.windowsGb() : p.windowsGb()),
                p.bwlimitKbps() == null ? defaultBwlimitKbps : p.bwlimitKbps(),
                p.vncMinutes() == null ? vncSessionMinutes : p.vncMinutes(),
                p.recycleBinDays() == null ? recycleBinDays : p.recycleBinDays(),
                p.controlledSecret() == null || p.controlledSecret().isEmpty() ? controlledSecret : p.controlledSecret());
    }

    public record Patch(Integer linuxGb, Integer windowsGb, Integer bwlimitKbps, Integer vncMinutes,
                        Integer recycleBinDays, String controlledSecret) {
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw DomainException.invalid(field, "必须在 " + min + " 到 " + max + " 之间", "must be between " + min + " and " + max);
        }
    }
}
