package com.pveams.application.port.out.hypervisor;

/**
 * {@code GET /cluster/resources}: one row. {@code type} is qemu, lxc, node, storage, sdn ...; {@code vmid} only for
 * guests; sizes in bytes. Absent numbers are 0.
 */
public record ClusterResource(String id, String type, String node, Integer vmid, String name, String status,
                              String storage, double cpu, double maxcpu, long mem, long maxmem, long disk,
                              long maxdisk, boolean template) {

    /** Filter for {@code type}. */
    public enum Kind { VM, STORAGE, NODE, SDN }
}
