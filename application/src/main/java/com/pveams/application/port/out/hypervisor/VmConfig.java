package com.pveams.application.port.out.hypervisor;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET …/config}: the raw key/value config (property strings as PVE returns them) and its {@code digest}.
 * Helpers read the common keys; {@code property(key, sub)} reads a sub-key of a property string.
 */
public record VmConfig(Map<String, String> values, String digest) {
    public VmConfig {
        values = Map.copyOf(new TreeMap<>(values));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Optional<String> name() {
        return get("name");
    }

    public Optional<Integer> memoryMiB() {
        return get("memory").map(v -> Integer.parseInt(v.startsWith("current=") ? v.substring(8) : v.split(",")[0]));
    }

    /**
     * Sub-key of a property string, e.g. {@code property("net0", "bridge")}. For {@code net[n]} the model is
     * written as {@code virtio=MAC}; {@code property("net0","macaddr")} returns that MAC.
     */
    public Optional<String> property(String key, String sub) {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        for (String part : v.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = part.substring(0, eq);
            String val = part.substring(eq + 1);
            if (k.equals(sub)) {
                return Optional.of(val);
            }
            if (key.startsWith("net") && "macaddr".equals(sub) && val.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
                return Optional.of(val);
            }
        }
        return Optional.empty();
    }
}
