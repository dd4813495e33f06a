package com.pveams.domain.pve;

import com.pveams.domain.error.DomainException;

import java.util.regex.Pattern;

/**
 * The one rule for text that goes into a PVE parameter. PVE reads {@code ,} and {@code =} as the separators of a
 * property string ({@code k=v,k=v}), {@code ;} as the separator of its lists (cpu flags, boot order, tags) and
 * whitespace or NUL as list separators too ({@code -list} formats); control characters end config lines. A value
 * with any of them could carry a second option, so it is refused (naming the field) instead of being escaped: PVE
 * has no escaping for property strings.
 */
public final class PropertyValue {
    private PropertyValue() {
    }

    /** Refuses {@code , = ;}, whitespace, control and non-ASCII characters; the value is returned unchanged. */
    public static String plain(String field, String v) {
        if (v == null || v.isEmpty()) {
            throw DomainException.required(field);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ',' || c == '=' || c == ';') {
                throw DomainException.invalid(field, "不能包含逗号、等号、分号、空白或控制字符",
                        "must not contain ',', '=', ';', whitespace or control characters");
            }
        }
        return v;
    }

    /** {@link #plain} and then PVE's own shape for this kind of value, at most {@code maxLength} characters. */
    public static String matching(String field, String v, Pattern shape, int maxLength, String zh, String en) {
        plain(field, v);
        if (v.length() > maxLength || !shape.matcher(v).matches()) {
            throw DomainException.invalid(field, zh, en);
        }
        return v;
    }

    /**
     * Free text PVE takes as one whole parameter (a description, a password, one SSH key): only control characters
     * are refused, except newline and tab where {@code multiline}; a NUL or a stray newline would split it.
     */
    public static String text(String field, String v, int maxLength, boolean multiline) {
        if (v == null) {
            throw DomainException.required(field);
        }
        if (v.length() > maxLength) {
            throw DomainException.invalid(field, "长度不能超过 " + maxLength, "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean allowed = multiline && (c == '\n' || c == '\t');
            if ((c < 0x20 || c == 0x7f) && !allowed) {
                throw DomainException.invalid(field, "不能包含控制字符", "must not contain control characters");
            }
        }
        return v;
    }
}
