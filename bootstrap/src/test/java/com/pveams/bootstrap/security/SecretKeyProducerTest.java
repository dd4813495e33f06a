package com.pveams.bootstrap.security;

import com.pveams.adapters.persistence.crypto.AesGcmSecretCipher;
import com.pveams.adapters.persistence.crypto.SecretKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretKeyProducerTest {
    @TempDir
    Path dataDir;

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void generatedKeyFileIsOwnerOnlyAndReusedOnRestart() throws Exception {
        Path file = dataDir.resolve("nested").resolve(SecretKeyProducer.FILE_NAME);
        SecretKeyRing first = SecretKeyProducer.keyRing(Optional.empty(), List.of(), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] written = new AesGcmSecretCipher(first).encrypt("ssh private key");

        // a restart reads the same file
        SecretKeyRing second = SecretKeyProducer.keyRing(Optional.empty(), List.of(), file);
        assertEquals(first.currentId(), second.currentId());
        assertEquals("ssh private key", new AesGcmSecretCipher(second).decrypt(written));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aConfiguredKeyIsCurrentAndTheOldFileKeyStillDecrypts() {
        Path file = dataDir.resolve(SecretKeyProducer.FILE_NAME);
        AesGcmSecretCipher single = new AesGcmSecretCipher(SecretKeyProducer.keyRing(Optional.empty(), List.of(), file));
        byte[] beforeConfiguring = single.encrypt("node password");

        SecretKeyRing configured = SecretKeyProducer.keyRing(Optional.of(randomKey()), List.of(), file);
        assertEquals(List.of(configured.currentId(), single.currentKeyId()), configured.ids());
        assertEquals("node password", new AesGcmSecretCipher(configured).decrypt(beforeConfiguring));
    }

    @Test
    void aConfiguredKeyDoesNotCreateAFile() {
        Path file = dataDir.resolve(SecretKeyProducer.FILE_NAME);
        SecretKeyProducer.keyRing(Optional.of(randomKey()), List.of(), file);
        assertFalse(Files.exists(file));
    }

    @Test
    void previousKeysDecryptWhatTheyWrote() {
        String old = randomKey();
        AesGcmSecretCipher before = new AesGcmSecretCipher(SecretKeyProducer.keyRing(Optional.of(old), List.of(),
                dataDir.resolve(SecretKeyProducer.FILE_NAME)));
        byte[] value = before.encrypt("token secret");
        AesGcmSecretCipher after = new AesGcmSecretCipher(SecretKeyProducer.keyRing(Optional.of(randomKey()),
                List.of(old), dataDir.resolve(SecretKeyProducer.FILE_NAME)));
        assertEquals("token secret", after.decrypt(value));
        assertTrue(after.needsReEncryption(value));
    }

    @Test
    void badKeysAreNamedButNeverEchoed() {
        Path file = dataDir.resolve(SecretKeyProducer.FILE_NAME);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> SecretKeyProducer.keyRing(Optional.of(shortKey), List.of(), file));
        assertTrue(tooShort.getMessage().startsWith("ams.secrets.key must decode to exactly 32 bytes"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(shortKey));

        IllegalStateException notBase64 = assertThrows(IllegalStateException.class,
                () -> SecretKeyProducer.keyRing(Optional.of(randomKey()), List.of(randomKey(), "not base64!"), file));
        assertTrue(notBase64.getMessage().startsWith("ams.secrets.previous-keys entry 2 must be base64"), notBase64.getMessage());
        assertFalse(notBase64.getMessage().contains("not base64!"));
    }
}
