package com.pveams.application.port.in.vm;

/**
 * Compares the stored VMs with what PVE lists, node by node (the reconciliation job): corrects the stored power
 * status of VMs no operation is working on, records drift (missing on PVE, a different name, memory or vCPUs) and
 * clears it when PVE matches again. Never deletes anything and never calls PVE to change a VM.
 */
public interface ReconcileVmsUseCase {

    Report reconcileAll();

    /**
     * @param nodes            nodes looked at
     * @param skippedNodes     nodes offline, disabled, without usable credentials or not answering: their VMs keep
     *                         their stored status and drift
     * @param statusesCorrected stored statuses replaced by PVE's
     * @param drifting         VMs of the reached nodes that differ from PVE after this run
     * @param unknownGuests    guests PVE lists on the reached nodes that no live VM row knows (only reported)
     */
    record Report(int nodes, int skippedNodes, int statusesCorrected, int drifting, int unknownGuests) {
    }
}
