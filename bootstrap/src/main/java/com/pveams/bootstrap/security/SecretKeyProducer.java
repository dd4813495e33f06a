package com.pveams.bootstrap.security;

import com.pveams.adapters.persistence.crypto.AesGcmSecretCipher;
import com.pveams.adapters.persistence.crypto.SecretKeyRing;
import com.pveams.application.config.SecretRotationPolicy;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.config.SecretsSettings;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The key ring of the secret cipher. The current key is {@code ams.secrets.key} when configured (required for
 * several replicas), otherwise a random key generated once into {@code <data dir>/secrets.key} (mode 0600).
 * {@code ams.secrets.previous-keys} still decrypt. When a key is configured and a generated key file exists too
 * (a single install that later configured its key), the file's key is kept as a previous key, so the secrets it
 * wrote stay readable until the rotation job has rewritten them.
 */
public class SecretKeyProducer {
    private static final Logger LOG = Logger.getLogger(SecretKeyProducer.class);
    static final String FILE_NAME = "secrets.key";

    @Produces
    @Singleton
    SecretCipher secretCipher(SecretsSettings settings, DataDirectory dataDir) {
        SecretKeyRing ring = keyRing(settings.key(), settings.previousKeys().orElse(List.of()), dataDir.resolve(FILE_NAME));
        LOG.infof("Stored secrets are encrypted with key id %s; key ids that still decrypt: %s",
                ring.currentId(), ring.ids());
        return new AesGcmSecretCipher(ring);
    }

    /** Creates the cipher at start: a bad or unreadable key stops the service now, not at the first secret. */
    void keyReadyAtStart(@Observes StartupEvent event, SecretCipher cipher) {
        // nothing to do: injecting the cipher built it
    }

    @Produces
    @Singleton
    SecretRotationPolicy secretRotationPolicy(SecretsSettings settings) {
        return new SecretRotationPolicy(settings.rotationBatchSize());
    }

    static SecretKeyRing keyRing(Optional<String> configured, List<String> previousConfigured, Path file) {
        List<byte[]> previous = new ArrayList<>();
        for (int i = 0; i < previousConfigured.size(); i++) {
            previous.add(decode(previousConfigured.get(i), "ams.secrets.previous-keys entry " + (i + 1)));
        }
        Optional<String> key = configured.filter(k -> !k.isBlank());
        if (key.isPresent()) {
            if (Files.exists(file)) {
                previous.add(read(file));
            }
            return new SecretKeyRing(decode(key.get(), "ams.secrets.key"), previous);
        }
        return new SecretKeyRing(loadOrCreate(file), previous);
    }

    static byte[] loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[SecretKeyRing.KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            try {
                SecretFiles.createOwnerOnly(file, Base64.getEncoder().encodeToString(fresh));
                LOG.infof("Generated the key that encrypts stored secrets in %s; back it up with the database,"
                        + " and set ams.secrets.key on every replica when several share one database", file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create " + file, e);
            }
        }
        return read(file);
    }

    private static byte[] read(Path file) {
        try {
            return decode(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Never puts the value in the message: it is a key. */
    static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must be base64 (e.g. the output of `openssl rand -base64 32`)");
        }
        if (key.length != SecretKeyRing.KEY_BYTES) {
            throw new IllegalStateException(source + " must decode to exactly " + SecretKeyRing.KEY_BYTES
                    + " bytes (AES-256), not " + key.length);
        }
        return key;
    }
}
