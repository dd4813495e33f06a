package com.pveams.domain.vm.create;

import com.pveams.domain.flavour.FlavourSpec;

import java.util.Locale;

/**
 * The VM's hardware in stored units (legacy-behavior §5.2 steps 3–11): a flavour's values replace the request's
 * (the legacy discarded them), otherwise the request's with the legacy defaults. Every value is checked as a
 * flavour's is ({@link FlavourSpec}: 1007 CPU type, 1010 nested, 1009 architecture, PVE's ranges).
 *
 * @param storage     a PVE storage id, never {@code auto}
 * @param bwlimitKbps PVE {@code bwlimit} in KiB/s
 */
public record VmHardware(FlavourSpec spec, String storage, int bwlimitKbps, DiskLimits diskLimits) {
    public static final String FALLBACK_STORAGE = "local-lvm";

    /**
     * @param flavour           the named flavour's values, or null when the request names none
     * @param defaultBwlimitKbps the system setting for a request without {@code bwlimit}
     * @param nodeAutoStorage   the node's storage for {@code auto}, or null
     */
    public static VmHardware resolve(VmRequest r, FlavourSpec flavour, int defaultBwlimitKbps, String nodeAutoStorage) {
        FlavourSpec spec = flavour != null ? flavour : FlavourSpec.define(new FlavourSpec.Draft("request",
                atLeastOne(r.sockets()), atLeastOne(r.cores()), atLeastOne(r.threads()), r.devirtualization(), r.kvm(),
                r.cpuModel(), r.modelGroup(), r.nested(), r.cpu(), percent(r.cpuUnits()), r.bwlimit(), r.arch(),
                r.acpi(), r.memory(), storageText(r.storage()), r.systemDiskSize(), r.dataDisk(), r.bandwidth(),
                r.onBoot()));
        String storage = spec.storage();
        if (FlavourSpec.AUTO_STORAGE.equals(storage)) {
            storage = nodeAutoStorage == null || nodeAutoStorage.isBlank()
                    || FlavourSpec.AUTO_STORAGE.equalsIgnoreCase(nodeAutoStorage) ? FALLBACK_STORAGE : nodeAutoStorage;
        }
        int bwlimit = spec.bwlimitKbps() != null ? spec.bwlimitKbps() : Math.max(0, defaultBwlimitKbps);
        return new VmHardware(spec, storage, bwlimit, r.diskLimits());
    }

    /** Legacy: null or below 1 is 1. */
    private static Integer atLeastOne(Integer v) {
        return v == null || v < 1 ? 1 : v;
    }

    /** Legacy: the percentage is clamped, not refused (100 and more = all, below 1 = the default). */
    private static Integer percent(Integer v) {
        return v == null || v < 1 ? null : Math.min(v, 100);
    }

    /** {@code auto} in any case, blank or null: the node's choice. */
    private static String storageText(String s) {
        return s == null || s.isBlank() || FlavourSpec.AUTO_STORAGE.equals(s.strip().toLowerCase(Locale.ROOT)) ? null : s;
    }

    /** vCPUs QEMU sees. */
    public int vcpus() {
        return spec.sockets() * spec.cores() * spec.threads();
    }
}
