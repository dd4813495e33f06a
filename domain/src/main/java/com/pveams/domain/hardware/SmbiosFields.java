package com.pveams.domain.hardware;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SMBIOS structure types and fields QEMU's {@code -smbios type=N,...} accepts as plain values, in QEMU's
 * order. Types that point at host files or devices (8, 9, 11's {@code path}, 41) are left out on purpose: an
 * SMBIOS model must not be a way to read the hypervisor's files.
 */
public final class SmbiosFields {
    /** How a field's value is checked. */
    public enum Kind { TEXT, UUID, UINT16, UINT64, RELEASE, ON_OFF }

    private static final Map<Integer, Map<String, Kind>> TYPES = new LinkedHashMap<>();
    private static final Map<Integer, String[]> ORDER = new LinkedHashMap<>();

    static {
        type(0, "vendor", Kind.TEXT, "version", Kind.TEXT, "date", Kind.TEXT, "release", Kind.RELEASE, "uefi", Kind.ON_OFF);
        type(1, "manufacturer", Kind.TEXT, "product", Kind.TEXT, "version", Kind.TEXT, "serial", Kind.TEXT,
                "uuid", Kind.UUID, "sku", Kind.TEXT, "family", Kind.TEXT);
        type(2, "manufacturer", Kind.TEXT, "product", Kind.TEXT, "version", Kind.TEXT, "serial", Kind.TEXT,
                "asset", Kind.TEXT, "location", Kind.TEXT);
        type(3, "manufacturer", Kind.TEXT, "version", Kind.TEXT, "serial", Kind.TEXT, "asset", Kind.TEXT, "sku", Kind.TEXT);
        type(4, "sock_pfx", Kind.TEXT, "manufacturer", Kind.TEXT, "version", Kind.TEXT, "serial", Kind.TEXT,
                "asset", Kind.TEXT, "part", Kind.TEXT, "processor-family", Kind.UINT16, "processor-id", Kind.UINT64,
                "max-speed", Kind.UINT16, "current-speed", Kind.UINT16);
        type(17, "loc_pfx", Kind.TEXT, "bank", Kind.TEXT, "manufacturer", Kind.TEXT, "serial", Kind.TEXT,
                "asset", Kind.TEXT, "part", Kind.TEXT, "speed", Kind.UINT16);
    }

    private SmbiosFields() {
    }

    private static void type(int type, Object... fieldsAndKinds) {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndKinds.length; i += 2) {
            fields.put((String) fieldsAndKinds[i], (Kind) fieldsAndKinds[i + 1]);
        }
        TYPES.put(type, Map.copyOf(fields));
        ORDER.put(type, fields.keySet().toArray(String[]::new));
    }

    public static Set<Integer> types() {
        return TYPES.keySet();
    }

    public static Optional<Kind> kind(int type, String field) {
        Map<String, Kind> fields = TYPES.get(type);
        return fields == null ? Optional.empty() : Optional.ofNullable(fields.get(field));
    }

    /** The fields of a type in QEMU's order (the order they are rendered in). */
    public static String[] fields(int type) {
        return ORDER.getOrDefault(type, new String[0]).clone();
    }
}
