package com.pveams.application.port.out.hypervisor;

import java.util.List;
import java.util.Objects;

/**
 * A config change: settings to set, keys to remove ({@code delete}), and optionally the {@code digest} of the config
 * this change was computed from, so a concurrent change makes PVE refuse instead of being overwritten.
 */
public record VmConfigUpdate(VmSettings settings, List<String> delete, String digest) {
    public VmConfigUpdate {
        Objects.requireNonNull(settings, "settings");
        delete = delete == null ? List.of() : List.copyOf(delete);
    }

    public static VmConfigUpdate of(VmSettings settings) {
        return new VmConfigUpdate(settings, List.of(), null);
    }
}
