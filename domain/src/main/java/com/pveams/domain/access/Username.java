package com.pveams.domain.access;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/** Rules for admin login names: short, printable, no whitespace. */
public final class Username {
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.@-]{1," + MAX_LENGTH + "}");

    private Username() {
    }

    public static String require(String username) {
        if (username == null || username.isBlank()) {
            throw DomainException.required("username");
        }
        if (!VALID.matcher(username).matches()) {
            throw DomainException.invalid("username", "只能包含字母、数字和 _ . @ -，长度 1 到 64",
                    "may contain only letters, digits and _ . @ - (1 to 64 characters)");
        }
        return username;
    }
}
