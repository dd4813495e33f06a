package com.pveams.domain.access;

import java.util.Locale;

/** Which request/response field names hold secrets that must never be stored or logged in clear. */
public final class SecretFields {
    private static final String[] MARKERS = {"password", "passwd", "pwd", "secret", "token", "appkey", "apikey",
            "authorization", "cookie", "ticket", "privatekey", "private_key", "credential"};

    private SecretFields() {
    }

    public static boolean isSecret(String fieldName) {
        if (fieldName == null) {
            return false;
        }
        String f = fieldName.toLowerCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (f.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
