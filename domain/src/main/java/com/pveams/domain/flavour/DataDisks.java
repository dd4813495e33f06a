package com.pveams.domain.flavour;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.settings.DefaultDiskSizes;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data disks a flavour gives a VM: SCSI slot (1–30; 0 is the system disk) → a new volume of a size in GB,
 * optionally on another storage. The legacy map also took raw PVE volume strings and arbitrary disk options, which
 * let a flavour attach another VM's volume; only new, sized volumes are accepted here.
 */
public record DataDisks(SortedMap<Integer, DataDisk> disks) {
    public static final int MAX_SLOT = 30;
    private static final Pattern SLOT = Pattern.compile("(?:scsi)?([0-9]{1,2})");

    public static final DataDisks NONE = new DataDisks(new TreeMap<>());

    public record DataDisk(int sizeGb, String storage) {
    }

    public DataDisks {
        disks = Collections.unmodifiableSortedMap(new TreeMap<>(disks));
    }

    /**
     * Reads the API's map: keys {@code "1"} or {@code "scsi1"}; values a size in GB (number or numeric string) or
     * {@code {"size": GB, "storage": "<PVE storage id>"}}. Errors name {@code dataDisk.<key>}.
     */
    public static DataDisks parse(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        SortedMap<Integer, DataDisk> disks = new TreeMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String field = "dataDisk." + e.getKey();
            Matcher m = SLOT.matcher(e.getKey() == null ? "" : e.getKey().strip());
            int slot = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (slot < 1 || slot > MAX_SLOT) {
                throw DomainException.invalid(field, "槽位必须是 1 到 " + MAX_SLOT + "（或 scsi1 到 scsi" + MAX_SLOT + "）",
                        "slot must be 1 to " + MAX_SLOT + " (or scsi1 to scsi" + MAX_SLOT + ")");
            }
            DataDisk disk = disk(field, e.getValue());
            if (disks.put(slot, disk) != null) {
                throw DomainException.invalid(field, "槽位重复", "names a slot twice");
            }
        }
        return new DataDisks(disks);
    }

    private static DataDisk disk(String field, Object v) {
        if (v instanceof Map<?, ?> map) {
            for (Object k : map.keySet()) {
                if (!"size".equals(k) && !"storage".equals(k)) {
                    throw DomainException.invalid(field + "." + k, "不是可识别的字段（只有 size 和 storage）",
                            "is not a known field (only size and storage)");
                }
            }
            Object storage = map.get("storage");
            if (storage != null && !(storage instanceof String)) {
                throw DomainException.invalid(field + ".storage", "必须是字符串", "must be a string");
            }
            String s = storage == null || ((String) storage).isBlank() ? null
                    : FlavourSpec.storage(field + ".storage", ((String) storage).strip());
            return new DataDisk(size(field + ".size", map.get("size")), "auto".equals(s) ? null : s);
        }
        return new DataDisk(size(field, v), null);
    }

    private static int size(String field, Object v) {
        long gb;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            gb = ((Number) v).longValue();
        } else if (v instanceof String s && s.strip().matches("[0-9]{1,9}")) {
            gb = Long.parseLong(s.strip());
        } else {
            throw DomainException.invalid(field, "必须是以 GB 为单位的大小", "must be a size in GB");
        }
        if (gb < 1 || gb > DefaultDiskSizes.MAX_GB) {
            throw DomainException.invalid(field, "必须在 1 到 " + DefaultDiskSizes.MAX_GB + " 之间（GB）",
                    "must be between 1 and " + DefaultDiskSizes.MAX_GB + " (GB)");
        }
        return (int) gb;
    }

    public boolean isEmpty() {
        return disks.isEmpty();
    }

    /** The canonical JSON text, e.g. {@code {"1":20,"2":{"size":50,"storage":"local-lvm"}}}: stored and shown. */
    public String json() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<Integer, DataDisk> e : disks.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            DataDisk d = e.getValue();
            if (d.storage() == null) {
                sb.append(d.sizeGb());
            } else {
                // storage ids are [A-Za-z0-9._-]: nothing to escape
                sb.append("{\"size\":").append(d.sizeGb()).append(",\"storage\":\"").append(d.storage()).append("\"}");
            }
        }
        return sb.append('}').toString();
    }
}
