package com.pveams.application.port.out.hypervisor;

import java.util.List;

/** {@code GET /nodes/{node}/status}: load and capacity of a node. Memory and disk in bytes, cpu as 0..1. */
public record NodeStatus(double cpu, int cpuCount, long memoryTotal, long memoryUsed, long rootfsTotal, long rootfsUsed,
                         long uptimeSeconds, List<Double> loadAverage, String pveVersion, String kernelVersion) {
    public NodeStatus {
        loadAverage = List.copyOf(loadAverage);
    }
}
