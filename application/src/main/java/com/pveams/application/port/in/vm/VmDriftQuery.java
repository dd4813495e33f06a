package com.pveams.application.port.in.vm;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The drift the reconciliation last recorded for VMs, for the admin lists and info. */
public interface VmDriftQuery {

    /** Drifting VMs among {@code vmIds}; a VM that matches PVE (or was never compared) is absent. */
    Map<Long, VmDriftView> driftOf(Collection<Long> vmIds);

    /**
     * @param differences kind ({@code missing}, {@code name}, {@code memory}, {@code cores}) → {@code stored} and
     *                    {@code pve} values
     * @param detectedAt  when this difference was first seen
     */
    record VmDriftView(Map<String, Map<String, String>> differences, Instant detectedAt) {
    }
}
