package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.util.Arrays;

/**
 * The fields {@code selectOsByPageAndCondition} may filter on (the legacy server concatenated any {@code param} into
 * SQL). Text fields match case-insensitively anywhere; {@code downType} and {@code cloud} match their 0/1 exactly.
 */
public enum ImageField {
    NAME("name", false), FILE_NAME("fileName", false), TYPE("type", false), ARCH("arch", false),
    OS_TYPE("osType", false), DOWN_TYPE("downType", true), URL("url", false), PATH("path", false),
    CLOUD("cloud", true);

    private final String param;
    private final boolean flag;

    ImageField(String param, boolean flag) {
        this.param = param;
        this.flag = flag;
    }

    public String param() {
        return param;
    }

    public boolean flag() {
        return flag;
    }

    /** A validated filter: the field and its value (0/1 for flags, at most 255 characters of text otherwise). */
    public record Filter(ImageField field, String text, int flagValue) {
    }

    public static Filter filter(String param, String value) {
        if (param == null || param.isBlank()) {
            throw DomainException.required("param");
        }
        ImageField f = Arrays.stream(values()).filter(v -> v.param.equalsIgnoreCase(param.strip())).findFirst()
                .orElseThrow(() -> DomainException.invalid("param", "只能是 name, fileName, type, arch, osType, downType, url, path, cloud 之一",
                        "must be one of name, fileName, type, arch, osType, downType, url, path, cloud"));
        if (value == null) {
            throw DomainException.required("value");
        }
        if (f.flag) {
            String v = value.strip();
            if (!v.equals("0") && !v.equals("1")) {
                throw DomainException.invalid("value", "必须是 0 或 1", "must be 0 or 1");
            }
            return new Filter(f, null, Integer.parseInt(v));
        }
        if (value.length() > 255) {
            throw DomainException.invalid("value", "最长 255 个字符", "must be at most 255 characters");
        }
        return new Filter(f, value.strip(), 0);
    }
}
