package com.pveams.application.port.out.crypto;

/**
 * A stored secret could not be decrypted. Never carries plaintext or ciphertext bytes: only why, and the key id
 * the value names (when it has one), so an operator can tell a missing {@code ams.secrets.previous-keys} entry
 * from damaged data.
 */
public class UndecryptableSecretException extends RuntimeException {
    public enum Reason {
        /** Too short, or not in any format this service writes. */
        MALFORMED,
        /** Written with a key that is neither the current key nor a configured previous key. */
        UNKNOWN_KEY,
        /** The authentication tag does not match: the value was altered, or the key is not the one that wrote it. */
        AUTHENTICATION_FAILED
    }

    private final Reason reason;
    private final String keyId;

    public UndecryptableSecretException(Reason reason, String keyId) {
        super("stored secret cannot be decrypted: " + reason + (keyId == null ? "" : " (key id " + keyId + ")"),
                null, false, false);
        this.reason = reason;
        this.keyId = keyId;
    }

    public Reason reason() {
        return reason;
    }

    /** The key id the value names, or null when it is malformed. */
    public String keyId() {
        return keyId;
    }
}
