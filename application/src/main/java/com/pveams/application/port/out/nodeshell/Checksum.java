package com.pveams.application.port.out.nodeshell;

import java.util.Locale;
import java.util.Objects;

/** A file digest: the algorithm and its lower-case hex value. */
public record Checksum(Algorithm algorithm, String hex) {

    public enum Algorithm {
        SHA256(64), SHA512(128);

        private final int hexLength;

        Algorithm(int hexLength) {
            this.hexLength = hexLength;
        }

        public int hexLength() {
            return hexLength;
        }
    }

    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        hex = hex.strip().toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength() || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a " + algorithm + " hex digest");
        }
    }

    public static Checksum sha256(String hex) {
        return new Checksum(Algorithm.SHA256, hex);
    }

    public static Checksum sha512(String hex) {
        return new Checksum(Algorithm.SHA512, hex);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
