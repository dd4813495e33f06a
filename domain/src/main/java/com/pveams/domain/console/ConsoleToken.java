package com.pveams.domain.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret in a console URL: 256 random bits, base64url without padding (43 characters). Only its SHA-256
 * ({@link #hash()}) is stored, so a database reader cannot open consoles. It is never derived from the VM (the
 * legacy used the hostname as token and the root password as VNC password).
 */
public final class ConsoleToken {
    public static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ConsoleToken(String value) {
        this.value = value;
    }

    public static ConsoleToken generate() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        return new ConsoleToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** A token as a client sent it; anything not shaped like one is refused before any lookup. */
    public static java.util.Optional<ConsoleToken> parse(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ConsoleToken(presented));
    }

    /** The value for the URL; show it only to the caller that asked for the console. */
    public String reveal() {
        return value;
    }

    /** SHA-256 hex, the only form that is stored ({@code vm_console_session.token_hash}). */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ConsoleToken[***]";
    }
}
