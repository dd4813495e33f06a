package com.pveams.application.port.out.reservation;

import java.util.Optional;

/** The few facts about a VM row that reservations check before tying something to it. */
public interface VmRows {
    Optional<VmRow> find(long vmId);

    /** @param nodeId null only for purged VMs of a deleted node */
    record VmRow(long id, Long nodeId, int vmid, int deleteState) {
        public boolean live() {
            return deleteState == 0;
        }
    }
}
