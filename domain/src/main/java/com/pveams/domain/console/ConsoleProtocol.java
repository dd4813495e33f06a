package com.pveams.domain.console;

import com.pveams.domain.error.DomainException;

/** How users reach a console front-end; the legacy API numbers them 0 = http, 1 = https. */
public enum ConsoleProtocol {
    HTTP(0, "http"),
    HTTPS(1, "https");

    private final int code;
    private final String scheme;

    ConsoleProtocol(int code, String scheme) {
        this.code = code;
        this.scheme = scheme;
    }

    public int code() {
        return code;
    }

    public String scheme() {
        return scheme;
    }

    /** @return null when {@code code} is null (the caller decides the default) */
    public static ConsoleProtocol fromCode(Integer code) {
        if (code == null) {
            return null;
        }
        for (ConsoleProtocol p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw DomainException.invalid("protocol", "只能是 0（http）或 1（https）", "must be 0 (http) or 1 (https)");
    }
}
