package com.pveams.application.port.out.hypervisor;

import java.util.Objects;

/** {@code POST /nodes/{node}/qemu}: a new VM with this id and settings; {@code start} boots it after creation. */
public record VmCreateSpec(int vmid, VmSettings settings, boolean start) {
    public VmCreateSpec {
        Objects.requireNonNull(settings, "settings");
        if (vmid < 100 || vmid > 999_999_999) {
            throw new IllegalArgumentException("vmid 100..999999999");
        }
    }
}
