package com.pveams.domain.maintenance;

import java.util.Objects;

/**
 * What a probe left behind: its exit status and standard output, or that it did not finish in time. Standard
 * output is only ever parsed, never shown.
 */
public record ProbeOutput(int exitStatus, String stdout, boolean timedOut) {
    /** The shell's status for "command not found". */
    public static final int NOT_FOUND = 127;

    public ProbeOutput {
        Objects.requireNonNull(stdout, "stdout");
    }

    public static ProbeOutput of(int exitStatus, String stdout) {
        return new ProbeOutput(exitStatus, stdout, false);
    }

    public static ProbeOutput timeout() {
        return new ProbeOutput(-1, "", true);
    }

    public boolean succeeded() {
        return !timedOut && exitStatus == 0;
    }
}
