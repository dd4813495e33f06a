package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

/** The image's own status (legacy codes). 1 was reserved by the legacy server and never set, so it is refused. */
public enum ImageStatus {
    NORMAL(0), UNREACHABLE(2);

    private final int code;

    ImageStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ImageStatus of(int code, String field) {
        for (ImageStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw DomainException.invalid(field, "必须是 0（正常）或 2（异常）", "must be 0 (normal) or 2 (unreachable)");
    }
}
