package com.pveams.domain.vm;

/**
 * A VM's power state as PVE reports it ({@code status/current}): running or not, paused in RAM (qmp status
 * paused/suspended), and the config lock.
 */
public record ObservedPower(boolean running, boolean paused, String lock) {

    /**
     * True when a lock keeps PVE from taking power actions for now (a backup, a migration…). A hibernated VM is
     * locked {@code suspended}: starting it is how it resumes, so that lock does not count.
     */
    public boolean busy() {
        return lock != null && !lock.isBlank() && !"suspended".equals(lock);
    }
}
