package com.pveams.application.port.out.hypervisor;

/**
 * PVE power actions, with PVE's meaning: {@link #SHUTDOWN} is the graceful ACPI shutdown, {@link #STOP} the
 * immediate power-off (the legacy product had these swapped in its own API vocabulary).
 */
public enum PowerAction {
    START("start"), STOP("stop"), SHUTDOWN("shutdown"), REBOOT("reboot"), RESET("reset"),
    /** Pause the VM in RAM. */
    SUSPEND("suspend"),
    /** Hibernate: save the RAM to disk and stop ({@code todisk=1}). */
    HIBERNATE("suspend"),
    RESUME("resume");

    private final String pvePath;

    PowerAction(String pvePath) {
        this.pvePath = pvePath;
    }

    /** The last path segment of {@code …/status/{action}}. */
    public String pvePath() {
        return pvePath;
    }
}
