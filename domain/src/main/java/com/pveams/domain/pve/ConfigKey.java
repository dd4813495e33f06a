package com.pveams.domain.pve;

import java.util.regex.Pattern;

/**
 * A VM config key ({@code scsi1}, {@code ipconfig0}, {@code cicustom}): PVE's {@code pve-configid}. Used where keys
 * travel as values: {@code delete}, {@code boot order}, the disk to resize.
 */
public final class ConfigKey {
    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]+");

    private ConfigKey() {
    }

    public static String check(String field, String v) {
        return PropertyValue.matching(field, v, SHAPE, 32, "不是合法的PVE配置项名", "is not a valid PVE config key");
    }
}
