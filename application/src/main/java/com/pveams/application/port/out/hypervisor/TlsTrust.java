package com.pveams.application.port.out.hypervisor;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the adapter trusts a node's TLS certificate; the modes are those of {@code node.tls_trust_mode}.
 * <ul>
 *   <li>{@link Mode#CA}: the JVM's trust store (certificate authorities) plus host name verification.</li>
 *   <li>{@link Mode#PINNED}: exactly the leaf certificate with this SHA-256 fingerprint (host name not checked,
 *   PVE's self-signed certificates name the node, not the address used).</li>
 * </ul>
 * There is deliberately no trust-anything mode: a node whose certificate no CA vouches for is pinned.
 */
public record TlsTrust(Mode mode, String sha256Fingerprint) {

    public enum Mode { CA, PINNED }

    private static final Pattern FINGERPRINT = Pattern.compile("^[0-9A-F]{2}(:[0-9A-F]{2}){31}$");

    public TlsTrust {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.PINNED) {
            sha256Fingerprint = normalize(sha256Fingerprint);
        } else if (sha256Fingerprint != null) {
            throw new IllegalArgumentException("a fingerprint is only meaningful for PINNED");
        }
    }

    public static TlsTrust ca() {
        return new TlsTrust(Mode.CA, null);
    }

    public static TlsTrust pinned(String sha256Fingerprint) {
        return new TlsTrust(Mode.PINNED, sha256Fingerprint);
    }

    /**
     * Normalises a SHA-256 fingerprint to upper-case colon-separated hex ({@code AB:CD:...}, as PVE's GUI shows it).
     * Accepts colons or none, any case.
     */
    public static String normalize(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        String hex = fingerprint.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes");
        }
        StringBuilder sb = new StringBuilder(95);
        for (int i = 0; i < 64; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        String result = sb.toString();
        if (!FINGERPRINT.matcher(result).matches()) {
            throw new IllegalArgumentException("fingerprint is not hex");
        }
        return result;
    }
}
