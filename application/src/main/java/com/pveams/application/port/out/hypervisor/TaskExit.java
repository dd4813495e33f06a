package com.pveams.application.port.out.hypervisor;

import java.util.Locale;

/**
 * How a stopped PVE task ended ({@code exitstatus}), and the rule for what a failure means to whoever waited for it.
 * A task that ended with an error failed for good: PVE ran it and said no (no space left on the storage, a storage
 * that does not exist, a config it refuses), and running it again gets the same answer. The exception is lock
 * contention, which ends a task with an error although nothing is wrong with the request: PVE could not take the
 * guest's config lock in time ({@code can't lock file '/var/lock/qemu-server/lock-101.conf' - got timeout}) or
 * another task held the guest ({@code VM is locked (backup)}). Those end once the other task does, so they are
 * tried again. Failures of the HTTP call itself (connection lost, 5xx, 595) are not task exits; their
 * {@link HypervisorException.Kind} says whether they are retried.
 */
public record TaskExit(String status) {

    public TaskExit {
        status = status == null ? "" : status.strip();
    }

    /** PVE's "OK", or "WARNINGS: n" for a task that succeeded with warnings. */
    public boolean succeeded() {
        return "OK".equals(status) || status.startsWith("WARNINGS");
    }

    /** Ended with an error PVE gets over by itself: lock contention. */
    public boolean transientFailure() {
        return !succeeded() && (lockTimeout(status) || guestLocked(status));
    }

    /** Ended with an error that another try would meet again. */
    public boolean permanentFailure() {
        return !succeeded() && !transientFailure();
    }

    /** PVE's text for a lock not taken within its timeout: "can't lock file '…' - got timeout", "… got timeout". */
    public static boolean lockTimeout(String message) {
        String m = lower(message);
        return m.contains("can't lock file") || m.contains("got timeout");
    }

    /** PVE's text for a guest another task holds: "VM is locked (backup)", "VM 101 is locked (clone)". */
    public static boolean guestLocked(String message) {
        String m = lower(message);
        return m.matches("(?s).*\\bvm( \\d+)? is locked\\b.*");
    }

    private static String lower(String message) {
        return message == null ? "" : message.toLowerCase(Locale.ROOT);
    }
}
