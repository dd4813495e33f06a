package com.pveams.adapters.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Accepts a node only if its host key has the pinned SHA-256 fingerprint. One instance per connection: it remembers
 * what the node presented so a refusal can say which key was seen.
 */
public final class HostKeyPinning implements HostKeyVerifier {
    private final String pinned;
    private volatile String presented;

    public HostKeyPinning(String pinnedFingerprint) {
        this.pinned = normalise(pinnedFingerprint);
    }

    /**
     * The OpenSSH-style fingerprint of a key: {@code SHA256:} and the unpadded base64 of the SHA-256 of the key in
     * SSH wire format (what {@code ssh-keygen -lf} and {@code ssh-keyscan | ssh-keygen -lf -} print).
     */
    public static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Trims and drops base64 padding, so a fingerprint pasted with '=' still matches. */
    static String normalise(String fingerprint) {
        if (fingerprint == null) {
            throw new IllegalArgumentException("no pinned host key fingerprint");
        }
        String f = fingerprint.strip();
        while (f.endsWith("=")) {
            f = f.substring(0, f.length() - 1);
        }
        if (!f.startsWith("SHA256:") || f.length() != "SHA256:".length() + 43) {
            throw new IllegalArgumentException("the pinned host key fingerprint is not an OpenSSH SHA256 fingerprint");
        }
        return f;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String seen = fingerprint(key);
        presented = seen;
        return MessageDigest.isEqual(seen.getBytes(StandardCharsets.US_ASCII), pinned.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of();
    }

    public String pinned() {
        return pinned;
    }

    /** The fingerprint the node presented, when it differs from the pinned one. */
    public Optional<String> mismatch() {
        String seen = presented;
        return seen != null && !seen.equals(pinned) ? Optional.of(seen) : Optional.empty();
    }
}
