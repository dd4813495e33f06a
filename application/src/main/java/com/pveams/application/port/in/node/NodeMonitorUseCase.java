package com.pveams.application.port.in.node;

import java.util.List;

/** Keeps every node's {@code status} (PVE answers) and {@code controllerStatus} (SSH login works) current. */
public interface NodeMonitorUseCase {

    /** Checks every node not disabled, all in parallel with a deadline, and records what changed. */
    Report checkAll();

    record Report(int checked, List<Change> changes) {
        public Report {
            changes = List.copyOf(changes);
        }
    }

    /**
     * @param aspect {@code status} (PVE) or {@code controllerStatus} (SSH)
     * @param reason why a check failed (never a secret), null when it passed
     */
    record Change(long nodeId, String nodeName, String aspect, String from, String to, String reason) {
    }
}
