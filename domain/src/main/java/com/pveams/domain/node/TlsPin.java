package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the node's TLS certificate is trusted: by the system's certificate authorities (CA) or by the exact
 * certificate seen when the node was registered (PINNED). The fingerprint seen is kept in both cases, so a
 * certificate change is visible; there is no mode that trusts anything.
 */
public record TlsPin(Mode mode, String fingerprint) {
    public enum Mode { CA, PINNED }

    private static final Pattern FINGERPRINT = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");

    public TlsPin {
        Objects.requireNonNull(mode, "mode");
        if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint");
        }
        if (mode == Mode.PINNED && fingerprint == null) {
            throw new IllegalArgumentException("a pinned certificate needs its fingerprint");
        }
    }

    /**
     * An operator-supplied fingerprint ({@code AA:BB:…}, with or without colons, any case), or null if none was
     * given.
     */
    public static String parseFingerprint(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String hex = raw.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw DomainException.invalid(field, "必须是 SHA-256 指纹（32 字节的十六进制，如 AB:CD:…）",
                    "must be a SHA-256 fingerprint (32 hex bytes, e.g. AB:CD:…)");
        }
        StringBuilder sb = new StringBuilder(95);
        for (int i = 0; i < 64; i += 2) {
            sb.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
