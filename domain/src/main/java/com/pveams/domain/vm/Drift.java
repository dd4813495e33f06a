package com.pveams.domain.vm;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a VM on PVE differs from its row, kind by kind, each with the stored and PVE's value as text ({@code pve}
 * null when PVE does not list the VM). Only a few meaningful fields count: PVE's own bookkeeping (disk usage,
 * uptime, lock) changes by itself and is not drift.
 */
public record Drift(Map<DriftKind, Difference> differences) {
    public static final Drift NONE = new Drift(Map.of());

    public record Difference(String stored, String pve) {
    }

    public Drift {
        differences = differences.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(differences));
    }

    /** The drift of {@code stored} given what PVE lists for its node ({@code seen} empty: PVE lacks the VM). */
    public static Drift between(DriftSubject stored, Optional<DriftObservation> seen) {
        Map<DriftKind, Difference> d = new EnumMap<>(DriftKind.class);
        if (seen.isEmpty()) {
            d.put(DriftKind.MISSING, new Difference(Integer.toString(stored.vmid()), null));
            return new Drift(d);
        }
        DriftObservation pve = seen.get();
        if (!Objects.equals(stored.hostname(), pve.name())) {
            d.put(DriftKind.NAME, new Difference(stored.hostname(), pve.name()));
        }
        if (stored.memoryMb() != pve.memoryMb()) {
            d.put(DriftKind.MEMORY, new Difference(Integer.toString(stored.memoryMb()), Long.toString(pve.memoryMb())));
        }
        if (stored.vcpus() != pve.maxcpu()) {
            d.put(DriftKind.CORES, new Difference(Integer.toString(stored.vcpus()), Integer.toString(pve.maxcpu())));
        }
        return d.isEmpty() ? NONE : new Drift(d);
    }

    public boolean none() {
        return differences.isEmpty();
    }

    public Set<DriftKind> kinds() {
        return differences.keySet();
    }
}
