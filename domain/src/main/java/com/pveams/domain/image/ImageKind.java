package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.util.Locale;

/** What an image installs: drives default disk size, default username and the PVE ostype. */
public enum ImageKind {
    LINUX("linux"), WINDOWS("windows");

    private final String code;

    ImageKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The contract documents {@code win} as well as {@code windows}; both mean Windows. */
    public static ImageKind parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required(field);
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "linux" -> LINUX;
            case "windows", "win" -> WINDOWS;
            default -> throw DomainException.invalid(field, "必须是 linux 或 windows", "must be linux or windows");
        };
    }
}
