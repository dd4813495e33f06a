package com.pveams.domain.maintenance;

import java.util.List;
import java.util.Objects;

/**
 * One read-only question asked of a node's shell for its health report, as a fixed argument list. Nothing from a
 * request reaches these commands except the node's own configured image directory, passed after {@code --}.
 */
public enum HostProbe {
    PVE_VERSION("pveversion"),
    KERNEL("uname"),
    LOAD("load"),
    IMAGE_DISK("df"),
    QEMU_IMG("qemu-img"),
    CURL("curl"),
    TIMEOUT("timeout");

    private final String check;

    HostProbe(String check) {
        this.check = check;
    }

    /** The name a report shows for this probe. */
    public String check() {
        return check;
    }

    /** The command to run; {@code imageDirectory} is the node's configured image directory. */
    public List<String> argv(String imageDirectory) {
        return switch (this) {
            case PVE_VERSION -> List.of("pveversion");
            case KERNEL -> List.of("uname", "-r");
            // one command for both files: one SSH session fewer, and both describe the same moment
            case LOAD -> List.of("cat", "/proc/uptime", "/proc/loadavg");
            // -P: one line per file system whatever its name's length; -k: 1024-byte blocks on every df
            case IMAGE_DISK -> List.of("df", "-P", "-k", "--", Objects.requireNonNull(imageDirectory, "imageDirectory"));
            case QEMU_IMG -> List.of("qemu-img", "--version");
            case CURL -> List.of("curl", "--version");
            case TIMEOUT -> List.of("timeout", "--version");
        };
    }

    /** Whether this probe asks a tool the service relies on for its version (exit 127 then means it is missing). */
    public boolean isTool() {
        return this == QEMU_IMG || this == CURL || this == TIMEOUT;
    }
}
