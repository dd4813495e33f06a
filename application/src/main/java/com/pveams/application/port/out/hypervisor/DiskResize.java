package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.pve.ConfigKey;

import java.util.Objects;

/** {@code PUT …/resize}: set a disk to an absolute size or grow it by an amount (GiB). PVE never shrinks. */
public record DiskResize(String disk, int gib, boolean grow) {
    public DiskResize {
        Objects.requireNonNull(disk, "disk");
        ConfigKey.check("disk", disk);
        if (gib < 1) {
            throw new IllegalArgumentException("size must be >= 1 GiB");
        }
    }

    public static DiskResize toGiB(String disk, int gib) {
        return new DiskResize(disk, gib, false);
    }

    public static DiskResize growByGiB(String disk, int gib) {
        return new DiskResize(disk, gib, true);
    }

    /** PVE's {@code size} value. */
    public String pveSize() {
        return (grow ? "+" : "") + gib + "G";
    }
}
