package com.pveams.application.port.out.hypervisor;

/**
 * {@code GET …/status/current}. {@code status} is PVE's (running, stopped); {@code qmpStatus} is finer (paused,
 * suspended, prelaunch ...). Sizes in bytes; {@code lock} is the config lock or null.
 */
public record VmStatus(int vmid, String name, String status, String qmpStatus, double cpu, double cpus, long mem,
                       long maxmem, long maxdisk, long uptimeSeconds, boolean agentEnabled, String lock,
                       long netin, long netout) {

    public boolean running() {
        return "running".equals(status);
    }

    public boolean stopped() {
        return "stopped".equals(status);
    }

    /** PVE reports a suspended (paused or hibernated-to-RAM) VM as running with a qmp status. */
    public boolean paused() {
        return "paused".equals(qmpStatus) || "suspended".equals(qmpStatus);
    }
}
