package com.pveams.domain.maintenance;

import java.util.Optional;
import java.util.regex.Pattern;

/** A kernel release as {@code uname -r} prints it, e.g. {@code 6.8.8-2-pve}. */
public final class Kernel {
    /** The characters a kernel release is made of, at most 64 of them. */
    static final String SHAPE = "[0-9][A-Za-z0-9._+~-]{0,63}";
    private static final Pattern RELEASE = Pattern.compile(SHAPE);

    private Kernel() {
    }

    /** Reads {@code uname -r}'s output; empty when it is not one kernel release on one line. */
    public static Optional<String> parse(String stdout) {
        String line = Lines.only(stdout);
        return line != null && RELEASE.matcher(line).matches() ? Optional.of(line) : Optional.empty();
    }
}
