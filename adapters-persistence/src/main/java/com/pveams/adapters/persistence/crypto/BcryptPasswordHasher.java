package com.pveams.adapters.persistence.crypto;

import com.pveams.application.port.out.PasswordHasher;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * bcrypt ({@code $2y$}) via Bouncy Castle, already on the classpath for SSH. The cost is configurable so tests can
 * run cheaply; verification reads the cost from the stored hash, so raising it later keeps old hashes valid.
 */
public class BcryptPasswordHasher implements PasswordHasher {
    private final int cost;
    private final SecureRandom random = new SecureRandom();

    public BcryptPasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31");
        }
        this.cost = cost;
    }

    @Override
    public String hash(String rawPassword) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", rawPassword.getBytes(StandardCharsets.UTF_8), salt, cost);
    }

    @Override
    public boolean matches(String rawPassword, String hash) {
        if (rawPassword == null || hash == null) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, rawPassword.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }
}
