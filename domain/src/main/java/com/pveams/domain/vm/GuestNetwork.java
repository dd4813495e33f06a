package com.pveams.domain.vm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A VM's cloud-init network slots ({@code vm.ip_config}: slot "1".."n" → ipconfig text) and what the legacy API
 * derives from them: {@code ipConfig} (the slots as stored, in slot order), {@code ipData} (one entry per address
 * with its prefix and gateway) and {@code ipList} (the addresses alone).
 */
public final class GuestNetwork {
    private final Map<String, String> slots;

    /** One address as {@code ipData} shows it. */
    public record AddressEntry(String ip, int ipVersion, int subnetMask, String gateway) {
    }

    private GuestNetwork(Map<String, String> slots) {
        this.slots = slots;
    }

    /** From the stored map; slots are ordered by number ("2" before "10"). Null means no configuration. */
    public static GuestNetwork of(Map<String, String> stored) {
        Map<String, String> ordered = new LinkedHashMap<>();
        if (stored != null) {
            stored.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getValue() != null)
                    .sorted(Comparator.comparing((Map.Entry<String, String> e) -> slotNumber(e.getKey()))
                            .thenComparing(Map.Entry::getKey))
                    .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        }
        return new GuestNetwork(ordered);
    }

    private static long slotNumber(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The {@code ipConfig} object: always an object, possibly empty (the admin UI indexes it without a guard). */
    public Map<String, String> ipConfig() {
        return Collections.unmodifiableMap(slots);
    }

    public List<AddressEntry> ipData() {
        List<AddressEntry> entries = new ArrayList<>();
        for (String text : slots.values()) {
            Optional<IpConfigLine> line = IpConfigLine.parse(text);
            line.ifPresent(l -> l.assignments().forEach(a -> entries.add(new AddressEntry(a.address().toString(),
                    a.address().version(), a.prefixLength(), a.gateway() == null ? null : a.gateway().toString()))));
        }
        return entries;
    }

    public List<String> ipList() {
        return ipData().stream().map(AddressEntry::ip).toList();
    }
}
