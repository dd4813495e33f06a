package com.pveams.adapters.persistence.crypto;

import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.application.port.out.crypto.UndecryptableSecretException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AesGcmSecretCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] oldKey = key();
    private final byte[] newKey = key();
    private final AesGcmSecretCipher oldCipher = new AesGcmSecretCipher(new SecretKeyRing(oldKey, List.of()));
    private final AesGcmSecretCipher rotated = new AesGcmSecretCipher(new SecretKeyRing(newKey, List.of(oldKey)));

    static byte[] key() {
        byte[] k = new byte[SecretKeyRing.KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    @Test
    void roundTripsAnyText() {
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "b3BlbnNzaC1rZXktdjEAAAAA".repeat(100) + "\n-----END OPENSSH PRIVATE KEY-----\n";
        for (String secret : List.of("", "root-password", "密码 ünïcödé 🔑", pem)) {
            assertEquals(secret, rotated.decrypt(rotated.encrypt(secret)));
        }
    }

    @Test
    void valueIsVersionKeyIdNonceCiphertextAndTag() {
        String secret = "pve-api-token-secret";
        byte[] value = rotated.encrypt(secret);
        assertEquals(1 + 4 + 12 + secret.length() + 16, value.length);
        assertEquals(1, value[0]);
        assertEquals(rotated.currentKeyId(), HexFormat.of().formatHex(value, 1, 5));
        assertTrue(rotated.encrypt("").length >= 28, "even an empty secret passes the schema's minimum length");
        assertFalse(new String(value, StandardCharsets.ISO_8859_1).contains(secret));
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        byte[] a = rotated.encrypt("same");
        byte[] b = rotated.encrypt("same");
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 5, 17), Arrays.copyOfRange(b, 5, 17)));
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void anyAlteredByteIsAnAuthenticationFailureNotWrongPlaintext() {
        byte[] value = rotated.encrypt("node-password");
        // nonce, ciphertext and tag
        for (int i = 5; i < value.length; i++) {
            byte[] tampered = value.clone();
            tampered[i] ^= 0x01;
            assertReason(Reason.AUTHENTICATION_FAILED, rotated, tampered);
        }
    }

    @Test
    void theHeaderIsAuthenticatedToo() {
        byte[] value = rotated.encrypt("node-password");
        byte[] relabelled = value.clone();
        // claim the value was written with the (known) previous key
        System.arraycopy(HexFormat.of().parseHex(oldCipher.currentKeyId()), 0, relabelled, 1, 4);
        assertReason(Reason.AUTHENTICATION_FAILED, rotated, relabelled);

        byte[] otherVersion = value.clone();
        otherVersion[0] = 2;
        assertReason(Reason.MALFORMED, rotated, otherVersion);
    }

    @Test
    void malformedValuesAreRefused() {
        assertReason(Reason.MALFORMED, rotated, null);
        assertReason(Reason.MALFORMED, rotated, new byte[0]);
        assertReason(Reason.MALFORMED, rotated, "plaintext that slipped through".getBytes(StandardCharsets.UTF_8));
        byte[] value = rotated.encrypt("x");
        assertReason(Reason.MALFORMED, rotated, Arrays.copyOf(value, AesGcmSecretCipher.MIN_BYTES - 1));
    }

    @Test
    void aKeyNotOnTheRingIsNamedInTheFailure() {
        AesGcmSecretCipher stranger = new AesGcmSecretCipher(new SecretKeyRing(key(), List.of()));
        UndecryptableSecretException e = assertThrows(UndecryptableSecretException.class,
                () -> rotated.decrypt(stranger.encrypt("elsewhere")));
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertEquals(stranger.currentKeyId(), e.keyId());
        assertFalse(e.getMessage().contains("elsewhere"));
    }

    @Test
    void previousKeysDecryptAndNewWritesUseTheCurrentKey() {
        byte[] old = oldCipher.encrypt("written before the rotation");
        assertEquals("written before the rotation", rotated.decrypt(old));
        byte[] fresh = rotated.encrypt("written after");
        assertEquals(rotated.currentKeyId(), HexFormat.of().formatHex(fresh, 1, 5));
        assertReason(Reason.UNKNOWN_KEY, oldCipher, fresh);
    }

    @Test
    void needsReEncryptionUnlessWrittenWithTheCurrentKey() {
        assertTrue(rotated.needsReEncryption(oldCipher.encrypt("old")));
        assertFalse(rotated.needsReEncryption(rotated.encrypt("new")));
        assertTrue(rotated.needsReEncryption(new byte[3]));
        assertTrue(rotated.needsReEncryption(null));
    }

    @Test
    void keyIdsAreStableAndDifferPerKey() {
        assertEquals(new SecretKeyRing(newKey, List.of()).currentId(), rotated.currentKeyId());
        assertNotEquals(oldCipher.currentKeyId(), rotated.currentKeyId());
        assertEquals(8, rotated.currentKeyId().length());
        SecretKeyRing ring = new SecretKeyRing(newKey, List.of(oldKey, newKey, oldKey));
        assertEquals(List.of(rotated.currentKeyId(), oldCipher.currentKeyId()), ring.ids());
    }

    @Test
    void keysMustBe256Bits() {
        assertThrows(IllegalArgumentException.class, () -> new SecretKeyRing(new byte[16], List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SecretKeyRing(newKey, List.of(new byte[31])));
    }

    @Test
    void headerMatchesWhatEncryptWrites() {
        byte[] value = rotated.encrypt("x");
        assertArrayEquals(Arrays.copyOf(value, 5), AesGcmSecretCipher.header(rotated.currentKeyId()));
    }

    private static void assertReason(Reason reason, AesGcmSecretCipher cipher, byte[] value) {
        Consumer<byte[]> decrypt = cipher::decrypt;
        UndecryptableSecretException e = assertThrows(UndecryptableSecretException.class, () -> decrypt.accept(value));
        assertEquals(reason, e.reason());
        if (reason == Reason.MALFORMED) {
            assertNull(e.keyId());
        }
    }
}
