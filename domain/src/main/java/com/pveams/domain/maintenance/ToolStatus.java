package com.pveams.domain.maintenance;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a program the service relies on is on a node, and its version: {@code qemu-img} (image conversion and
 * inspection), {@code curl} (downloads) and {@code timeout} (bounding commands on the node).
 *
 * @param name    the program
 * @param present whether it answered {@code --version}
 * @param version the first dotted version number on its first line, or {@code null} when absent or unreadable
 */
public record ToolStatus(String name, boolean present, String version) {
    // qemu-img version 8.1.5 (pve-qemu-kvm_8.1.5-6) / curl 7.88.1 (x86_64-pc-linux-gnu) / timeout (GNU coreutils) 9.1
    private static final Pattern VERSION = Pattern.compile("(?<![\\w.])(\\d{1,5}(?:\\.\\d{1,5}){1,3})(?![\\w])");

    public ToolStatus {
        Objects.requireNonNull(name, "name");
        if (!present && version != null) {
            throw new IllegalArgumentException("a missing tool has no version");
        }
    }

    /** The version in a tool's {@code --version} output, if its first line carries one. */
    public static Optional<String> parseVersion(String stdout) {
        Matcher m = VERSION.matcher(Lines.first(stdout));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
