package com.pveams.domain.maintenance;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code pveversion} prints: {@code pve-manager/8.2.4/faa83925c9641325 (running kernel: 6.8.8-2-pve)}. Older
 * releases write the release as {@code 7.4-3}.
 *
 * @param release       the pve-manager release, e.g. {@code 8.2.4}
 * @param build         the build's commit id (hex)
 * @param runningKernel the kernel PVE says it runs on, or {@code null} when it does not say
 */
public record PveManagerVersion(String release, String build, String runningKernel) {
    private static final Pattern LINE = Pattern.compile(
            "pve-manager/(\\d{1,4}\\.\\d{1,4}(?:[.-]\\d{1,6}){0,3})/([0-9a-f]{6,40})"
                    + "(?: \\(running kernel: (" + Kernel.SHAPE + ")\\))?");
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+).*");

    public PveManagerVersion {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(build, "build");
    }

    /** Reads the first line of {@code pveversion}'s output; empty when it does not look like one. */
    public static Optional<PveManagerVersion> parse(String stdout) {
        Matcher m = LINE.matcher(Lines.first(stdout));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PveManagerVersion(m.group(1), m.group(2), m.group(3)));
    }

    public int major() {
        return part(1);
    }

    public int minor() {
        return part(2);
    }

    private int part(int group) {
        Matcher m = MAJOR_MINOR.matcher(release);
        if (!m.matches()) {
            throw new IllegalStateException("release " + release + " has no major.minor");
        }
        return Integer.parseInt(m.group(group));
    }
}
