package com.pveams.domain.vm;

/**
 * One guest as PVE lists it ({@code /cluster/resources?type=vm}): PVE's status word ({@code running},
 * {@code stopped}, …), its name, {@code maxmem} in bytes and {@code maxcpu}.
 */
public record DriftObservation(int vmid, String name, String status, long maxmemBytes, int maxcpu) {
    private static final long MIB = 1024L * 1024L;

    public long memoryMb() {
        return maxmemBytes / MIB;
    }
}
