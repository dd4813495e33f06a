package com.pveams.application.port.out.nodeshell;

import java.util.Objects;

/**
 * What a command left behind.
 *
 * @param exitStatus the command's exit status; -1 if it ended without one (killed by a signal)
 * @param stdout     standard output as UTF-8 (an adapter may cut very long output)
 * @param stderr     standard error as UTF-8 (an adapter may cut very long output)
 */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
