package com.pveams.application.port.out.nodeshell;

import java.util.Objects;

/** How to authenticate to a node. Implementations never reveal the secret in {@code toString()}. */
public sealed interface SshCredentials {

    static SshCredentials password(String password) {
        return new Password(password);
    }

    static SshCredentials privateKey(String pem, String passphrase) {
        return new PrivateKey(pem, passphrase);
    }

    /** Password authentication. */
    record Password(String password) implements SshCredentials {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /**
     * Public-key authentication.
     *
     * @param pem        the private key text (OpenSSH, PKCS#8 or PKCS#1 PEM)
     * @param passphrase the key's passphrase, or {@code null} if it is not encrypted
     */
    record PrivateKey(String pem, String passphrase) implements SshCredentials {
        public PrivateKey {
            if (pem == null || pem.isBlank()) {
                throw new IllegalArgumentException("private key is required");
            }
        }

        @Override
        public String toString() {
            return "PrivateKey[***" + (passphrase == null ? "" : ", passphrase ***") + "]";
        }
    }
}
