package com.pveams.application.port.out.hypervisor;

import java.util.List;

/**
 * {@code GET /nodes/{node}/status} in full, as the admin UI shows it: CPU model and usage, memory, swap, root file
 * system (bytes), load averages as PVE prints them, kernel and PVE versions, uptime (seconds).
 */
public record NodeStatusDetails(CpuInfo cpuinfo, double cpu, double ioWait, double idle, Usage memory, Usage swap,
                                Usage rootfs, long ksmShared, List<String> loadavg, String kversion,
                                String pveversion, long uptime) {
    public NodeStatusDetails {
        loadavg = List.copyOf(loadavg);
    }

    public record CpuInfo(String model, int sockets, int cores, int cpus, String mhz, String flags, String hvm,
                          int userHz) {
    }

    /** {@code avail} is only reported for file systems; 0 otherwise. */
    public record Usage(long total, long used, long free, long avail) {
    }
}
