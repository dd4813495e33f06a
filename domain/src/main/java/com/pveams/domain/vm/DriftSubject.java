package com.pveams.domain.vm;

/**
 * What a stored VM row says about the fields the reconciliation compares with PVE: the hostname (PVE's
 * {@code name}), memory in MiB and the vCPU topology.
 */
public record DriftSubject(int vmid, String hostname, int memoryMb, int sockets, int cores) {

    public int vcpus() {
        return sockets * cores;
    }
}
