package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.pve.ConfigKey;

import java.util.List;
import java.util.Objects;

/**
 * A config change: settings to set, keys to remove ({@code delete}), and optionally the {@code digest} of the config
 * this change was computed from, so a concurrent change makes PVE refuse instead of being overwritten. Keys to
 * delete are {@link ConfigKey}s (PVE joins them with commas) and the digest is PVE's hex SHA-1.
 */
public record VmConfigUpdate(VmSettings settings, List<String> delete, String digest) {
    public VmConfigUpdate {
        Objects.requireNonNull(settings, "settings");
        delete = delete == null ? List.of() : List.copyOf(delete);
        delete.forEach(k -> ConfigKey.check("delete", k));
        if (digest != null && !digest.matches("[0-9a-fA-F]{1,40}")) {
            throw DomainException.invalid("digest", "不是PVE配置摘要", "is not a PVE config digest");
        }
    }

    public static VmConfigUpdate of(VmSettings settings) {
        return new VmConfigUpdate(settings, List.of(), null);
    }
}
