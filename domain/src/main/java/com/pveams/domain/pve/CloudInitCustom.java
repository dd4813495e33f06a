package com.pveams.domain.pve;

import com.pveams.domain.error.DomainException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code cicustom}: custom cloud-init files, {@code user=VOLUME[,network=VOLUME][,meta=…][,vendor=…]}. Each key
 * once, each value a {@link VolumeId} (a snippet), so no other option can ride along.
 */
public final class CloudInitCustom {
    private static final Set<String> KEYS = Set.of("meta", "network", "user", "vendor");

    private CloudInitCustom() {
    }

    public static String check(String field, String v) {
        if (v == null || v.isEmpty()) {
            throw DomainException.required(field);
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String part : v.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? "" : part.substring(0, eq);
            if (!KEYS.contains(key) || files.containsKey(key)) {
                throw DomainException.invalid(field, "只能包含 meta、network、user、vendor（各一次）",
                        "may only hold meta, network, user and vendor (each once)");
            }
            files.put(key, VolumeId.check(field, part.substring(eq + 1)));
        }
        return v;
    }
}
