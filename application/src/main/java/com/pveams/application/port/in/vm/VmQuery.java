package com.pveams.application.port.in.vm;

import com.pveams.domain.node.LoadHistory;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.vm.VmState;

import java.util.List;

/**
 * Reading VMs as the legacy list and info endpoints show them: the stored row with its image, node and region,
 * plus PVE's live status fetched for the page's VMs at once. Live data never costs an error or a stall: a node that
 * does not answer in time gives the stored data, marked as such ({@link VmDetails.Live}).
 */
public interface VmQuery {

    /** A page of live VMs (not in the recycle bin or purged) with live status, no RRD. */
    Page<VmDetails> list(VmListRequest request);

    /**
     * A page of deleted VMs ({@code getDeleteVmByPage}): rows kept after a delete, by id. PVE is not asked (the
     * guests are gone); {@code current} is the stand-in built from the row, marked {@code VM_MISSING}.
     */
    Page<VmDetails> deleted(PageRequest page);

    /**
     * One VM with live status and a day of RRD history. Recycle-bin VMs are shown, purged ones are not.
     *
     * @throws com.pveams.domain.error.DomainException VM_NOT_EXIST for an unknown host
     */
    VmDetails info(VmLookup lookup);

    /**
     * PVE's RRD rows of the VM.
     *
     * @throws com.pveams.domain.error.DomainException VM_NOT_EXIST, or NODE_NOT_AVAILABLE when the node does not
     *                                                 answer in time (there is no stored copy to fall back to)
     */
    List<RrdRow> rrd(long hostId, LoadHistory history);

    /** Number of live VMs (what the lists count). */
    long count();

    long countByStatus(VmState state);

    /** One RRD sample: PVE's epoch-second {@code time} and its numeric series. */
    record RrdRow(long time, java.util.Map<String, Double> values) {
    }
}
