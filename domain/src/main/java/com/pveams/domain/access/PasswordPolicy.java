package com.pveams.domain.access;

import com.pveams.domain.error.DomainException;

import java.nio.charset.StandardCharsets;

/**
 * What an admin password must be. The 72-byte ceiling is bcrypt's: longer input would be silently truncated.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    public static String require(String field, String password) {
        if (password == null || password.isEmpty()) {
            throw DomainException.required(field);
        }
        if (password.length() < MIN_LENGTH) {
            throw DomainException.invalid(field, "长度不能少于 " + MIN_LENGTH, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DomainException.invalid(field, "长度不能超过 " + MAX_BYTES + " 字节", "must be at most " + MAX_BYTES + " bytes");
        }
        return password;
    }
}
