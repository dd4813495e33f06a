package com.pveams.application.port.out.hypervisor;

/** {@code GET …/snapshot}: one entry. {@code current} is PVE's pseudo-entry for "now". */
public record Snapshot(String name, String description, Long snaptime, boolean withRam, String parent) {
    public boolean current() {
        return "current".equals(name);
    }
}
