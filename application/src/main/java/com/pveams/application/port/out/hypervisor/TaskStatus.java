package com.pveams.application.port.out.hypervisor;

/** {@code GET /nodes/{node}/tasks/{upid}/status}. {@code exitStatus} is "OK" or the error text once stopped. */
public record TaskStatus(Upid upid, boolean running, String exitStatus) {
    public boolean succeeded() {
        return !running && "OK".equals(exitStatus);
    }

    /** PVE ends some successful tasks with "WARNINGS: n"; they count as success. */
    public boolean succeededWithWarnings() {
        return !running && exitStatus != null && exitStatus.startsWith("WARNINGS");
    }

    /** Stopped with an error; {@link #exit()} tells whether it is worth another try. */
    public boolean failed() {
        return !running && !exit().succeeded();
    }

    /** How the task ended (meaningful once it stopped). */
    public TaskExit exit() {
        return new TaskExit(exitStatus);
    }
}
