package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

/**
 * A new guest password (public {@code restPassword}'s {@code newPassword}). The legacy rule is only "not blank"
 * (1022); control characters and over-long values are refused as well, because the value goes into the guest
 * agent's {@code set-user-password} and PVE's {@code cipassword}, where a line break or a megabyte has no business.
 * {@link #toString()} never shows the value.
 */
public final class GuestPassword {
    public static final int MAX_LENGTH = 128;

    private final String value;

    private GuestPassword(String value) {
        this.value = value;
    }

    public static GuestPassword of(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new DomainException(ErrorCode.NEW_PASSWORD_NOT_NULL, field, null, null);
        }
        if (raw.codePointCount(0, raw.length()) > MAX_LENGTH) {
            throw DomainException.invalid(field, "长度不能超过 " + MAX_LENGTH + " 个字符",
                    "must be at most " + MAX_LENGTH + " characters");
        }
        if (raw.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid(field, "不能包含控制字符", "must not contain control characters");
        }
        return new GuestPassword(raw);
    }

    /** The password itself: for the cipher and the hypervisor only, never for logs or operation records. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "GuestPassword[***]";
    }
}
