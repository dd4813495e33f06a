package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.util.Locale;
import java.util.regex.Pattern;

/** The published digest of an image file; a download whose file differs is not usable. */
public record ImageChecksum(Algorithm algorithm, String hex) {
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

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public ImageChecksum {
        if (algorithm == null || hex == null) {
            throw DomainException.required("checksum");
        }
        hex = hex.strip().toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength() || !HEX.matcher(hex).matches()) {
            throw DomainException.invalid("checksum", "不是合法的 " + algorithm + " 十六进制摘要",
                    "is not a " + algorithm + " hex digest");
        }
    }

    /** From stored or catalogue values; both absent means no checksum is known. */
    public static ImageChecksum ofNullable(String algorithm, String hex) {
        if (algorithm == null && hex == null) {
            return null;
        }
        if (algorithm == null) {
            throw DomainException.required("checksumAlgorithm");
        }
        Algorithm a;
        try {
            a = Algorithm.valueOf(algorithm.strip().toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("checksumAlgorithm", "必须是 SHA256 或 SHA512", "must be SHA256 or SHA512");
        }
        return new ImageChecksum(a, hex);
    }
}
