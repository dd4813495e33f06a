package com.pveams.application.port.out.hypervisor;

import java.util.List;
import java.util.Objects;

/**
 * {@code cpu}: the model ({@code host}, {@code x86-64-v2-AES}, {@code kvm64}, {@code custom-NAME} ...) and flags
 * to switch on/off ({@code +aes}, {@code -pcid}; PVE allows only a fixed set in a VM config).
 */
public record CpuSpec(String type, List<String> flags, boolean hidden) {
    public CpuSpec {
        Objects.requireNonNull(type, "type");
        flags = flags == null ? List.of() : List.copyOf(flags);
        for (String f : flags) {
            if (f.length() < 2 || (f.charAt(0) != '+' && f.charAt(0) != '-')) {
                throw new IllegalArgumentException("cpu flag must start with + or -: " + f);
            }
        }
    }

    public static CpuSpec of(String type) {
        return new CpuSpec(type, List.of(), false);
    }
}
