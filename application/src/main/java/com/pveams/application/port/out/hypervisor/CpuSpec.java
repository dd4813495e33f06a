package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.pve.CpuFlag;
import com.pveams.domain.pve.CpuType;

import java.util.List;
import java.util.Objects;

/**
 * {@code cpu}: the model ({@code host}, {@code x86-64-v2-AES}, {@code kvm64}, {@code custom-NAME} ...) and flags
 * to switch on/off ({@code +aes}, {@code -pcid}; PVE allows only a fixed set in a VM config). Each value is checked
 * ({@link CpuType}, {@link CpuFlag}) so none can add another {@code cpu} option or flag.
 */
public record CpuSpec(String type, List<String> flags, boolean hidden) {
    public CpuSpec {
        Objects.requireNonNull(type, "type");
        CpuType.check("cpu", type);
        flags = flags == null ? List.of() : List.copyOf(flags);
        for (String f : flags) {
            CpuFlag.check("cpuFlags", f);
        }
    }

    public static CpuSpec of(String type) {
        return new CpuSpec(type, List.of(), false);
    }
}
