package com.pveams.application.port.out.crypto;

/**
 * Encrypts secrets the service must be able to read back (node API passwords and token secrets, SSH passwords and
 * private keys, VM guest passwords, API keys shown again to admins) before they are stored. Every ciphertext names
 * the key that wrote it, so the key can be rotated: new writes use the current key, older keys still decrypt, and
 * {@link #needsReEncryption} tells which stored values the rotation job has to rewrite.
 */
public interface SecretCipher {
    /** A fresh ciphertext (a new random nonce each call) of {@code plaintext} under the current key. */
    byte[] encrypt(String plaintext);

    /**
     * The plaintext of a ciphertext written by {@link #encrypt} under the current or a previous key.
     *
     * @throws UndecryptableSecretException if the value is malformed, names a key this replica does not have, or
     *                                      fails authentication (tampered, or a different key with the same id)
     */
    String decrypt(byte[] ciphertext);

    /** True if {@code ciphertext} was not written with the current key and format (also for malformed values). */
    boolean needsReEncryption(byte[] ciphertext);

    /** Id of the current key as it appears in ciphertexts (lower-case hex); not secret, fine to log. */
    String currentKeyId();
}
