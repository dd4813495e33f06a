package com.pveams.bootstrap.security;

import com.pveams.adapters.rest.config.AdminConfig;
import com.pveams.adapters.rest.security.JwtSigningKey;
import com.pveams.bootstrap.wiring.DataDirectory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The admin-token signing key: {@code ams.admin.jwt-secret} when configured (required for several replicas),
 * otherwise a random key generated once into {@code <data dir>/jwt-signing.key} (mode 0600) so tokens survive
 * restarts. {@code ams.admin.jwt-previous-secrets} still verify tokens (a rotation without logging everybody out).
 */
public class JwtKeyProducer {
    private static final Logger LOG = Logger.getLogger(JwtKeyProducer.class);
    static final String FILE_NAME = "jwt-signing.key";
    static final int MIN_BYTES = 32;

    @Produces
    @Singleton
    JwtSigningKey signingKey(AdminConfig config, DataDirectory dataDir) {
        byte[] key = config.jwtSecret().filter(s -> !s.isBlank())
                .map(JwtKeyProducer::decode)
                .orElseGet(() -> loadOrCreate(dataDir.resolve(FILE_NAME)));
        List<String> configured = config.jwtPreviousSecrets().orElse(List.of());
        List<SecretKey> previous = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            if (!configured.get(i).isBlank()) {
                previous.add(hmac(decode(configured.get(i), "ams.admin.jwt-previous-secrets entry " + (i + 1))));
            }
        }
        if (!previous.isEmpty()) {
            LOG.infof("Admin tokens signed by %d previous key(s) are still accepted", previous.size());
        }
        return new JwtSigningKey(hmac(key), previous);
    }

    private static SecretKey hmac(byte[] key) {
        return new SecretKeySpec(key, "HmacSHA256");
    }

    static byte[] decode(String base64) {
        return decode(base64, "ams.admin.jwt-secret");
    }

    /** Never puts the value in the message: it is a key. */
    static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must be base64");
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(source + " must decode to at least " + MIN_BYTES + " bytes");
        }
        return key;
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[MIN_BYTES];
                new SecureRandom().nextBytes(fresh);
                try {
                    SecretFiles.createOwnerOnly(file, Base64.getEncoder().encodeToString(fresh));
                    LOG.infof("Generated the admin token signing key in %s", file);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return decode(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }
}
