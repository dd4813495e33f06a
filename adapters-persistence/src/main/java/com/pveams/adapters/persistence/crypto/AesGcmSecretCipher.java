package com.pveams.adapters.persistence.crypto;

import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.application.port.out.crypto.UndecryptableSecretException.Reason;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * AES-256-GCM with the JDK's provider. A stored value (format version 1) is
 * <pre>
 *   version (1 byte, 0x01) | key id (4 bytes) | nonce (12 bytes, random) | ciphertext | tag (16 bytes)
 * </pre>
 * 33 bytes plus the UTF-8 length of the plaintext, so it passes the schema's 28-byte minimum on the {@code *_enc}
 * columns. The header (version and key id) is the GCM associated data: changing it breaks the tag, so a value
 * cannot be made to look as if another key or format wrote it.
 *
 * <p>Random 96-bit nonces are safe up to about 2^32 encryptions per key, far beyond the secrets this service
 * stores; rotating the key resets the count.
 */
public class AesGcmSecretCipher implements SecretCipher {
    static final byte VERSION = 1;
    static final int HEADER_BYTES = 1 + SecretKeyRing.ID_BYTES;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int MIN_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8;

    private final SecretKeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretCipher(SecretKeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The header every value written with the key {@code keyId} (hex) starts with. */
    static byte[] header(String keyId) {
        byte[] id = HexFormat.of().parseHex(keyId);
        if (id.length != SecretKeyRing.ID_BYTES) {
            throw new IllegalArgumentException("a key id is " + SecretKeyRing.ID_BYTES + " bytes");
        }
        return ByteBuffer.allocate(HEADER_BYTES).put(VERSION).put(id).array();
    }

    @Override
    public byte[] encrypt(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        SecretKeyRing.Entry key = keys.current();
        byte[] header = header(key.id());
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(header);
            byte[] sealed = gcm.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + sealed.length)
                    .put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public String decrypt(byte[] value) {
        if (value == null || value.length < MIN_BYTES || value[0] != VERSION) {
            throw new UndecryptableSecretException(Reason.MALFORMED, null);
        }
        String keyId = HexFormat.of().formatHex(value, 1, HEADER_BYTES);
        SecretKeyRing.Entry key = keys.find(keyId)
                .orElseThrow(() -> new UndecryptableSecretException(Reason.UNKNOWN_KEY, keyId));
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, value, HEADER_BYTES, NONCE_BYTES));
            gcm.updateAAD(value, 0, HEADER_BYTES);
            byte[] plain = gcm.doFinal(value, HEADER_BYTES + NONCE_BYTES, value.length - HEADER_BYTES - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UndecryptableSecretException(Reason.AUTHENTICATION_FAILED, keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption could not run", e);
        }
    }

    @Override
    public boolean needsReEncryption(byte[] value) {
        byte[] current = header(keys.currentId());
        return value == null || value.length < MIN_BYTES
                || !Arrays.equals(value, 0, HEADER_BYTES, current, 0, HEADER_BYTES);
    }

    @Override
    public String currentKeyId() {
        return keys.currentId();
    }
}
