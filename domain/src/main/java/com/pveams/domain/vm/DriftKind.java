package com.pveams.domain.vm;

import java.util.Locale;

/** Ways a VM on PVE can differ from its row: the reconciliation job's vocabulary (JSON keys, metric tags). */
public enum DriftKind {
    /** PVE does not list the VM on its node (deleted or moved by hand) */
    MISSING,
    /** PVE's name is not the stored hostname */
    NAME,
    /** PVE's memory is not the stored memory */
    MEMORY,
    /** PVE's vCPU count (sockets × cores) is not the stored one */
    CORES;

    /** The lower-case word used in the drift JSON and the metric tag. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
