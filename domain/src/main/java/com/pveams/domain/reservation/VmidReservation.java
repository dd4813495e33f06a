package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A VMID held in the database for one create, in the VMID space of its node, before PVE is asked to create the
 * guest. Unbound, it is held until {@code reservedUntil} and then free for another create to take over; bound to
 * the VM row, it lives as long as that row. A take-over gives the row a new id, so the id names one holder: the
 * create that lost its reservation cannot bind or release the new holder's.
 */
public final class VmidReservation {
    /**
     * How long an unbound reservation holds its VMID. A create binds it within the transaction that writes the VM
     * row, seconds after reserving; the margin only covers a create that stalls before that and then resumes.
     */
    public static final Duration HOLD = Duration.ofMinutes(15);
    /**
     * How long a VMID PVE reported as already existing (a guest we do not manage) is kept out of use. Not forever:
     * that guest may be deleted, and PVE's own hint skips it while it exists.
     */
    public static final Duration CONFLICT_HOLD = Duration.ofDays(1);

    private final long id;
    private final long nodeId;
    private final Vmid vmid;
    private final Long vmId;
    private final Instant reservedUntil;

    public VmidReservation(long id, long nodeId, Vmid vmid, Long vmId, Instant reservedUntil) {
        this.id = id;
        this.nodeId = nodeId;
        this.vmid = Objects.requireNonNull(vmid);
        this.vmId = vmId;
        this.reservedUntil = Objects.requireNonNull(reservedUntil);
    }

    /** Until when a reservation made now holds its VMID. */
    public static Instant holdFrom(Instant now) {
        return now.plus(HOLD);
    }

    public boolean bound() {
        return vmId != null;
    }

    /** Whether another create may take the VMID over: unbound and past its hold. */
    public boolean expired(Instant now) {
        return !bound() && !now.isBefore(reservedUntil);
    }

    /**
     * Refuses a binding this reservation cannot take: one to another VM (a reservation names one guest), or from a
     * VM that is not on the reserving node (the VM row must be where PVE creates the guest).
     */
    public void requireBindable(long vmRowId, long vmNodeId, int vmRowVmid) {
        if (bound() && vmId != vmRowId) {
            throw DomainException.invalid("vmid", "VMID " + vmid + " 已属于另一台虚拟机", "VMID " + vmid + " already belongs to another VM");
        }
        if (vmNodeId != nodeId || vmRowVmid != vmid.value()) {
            throw DomainException.invalid("vmid", "虚拟机的节点或 VMID 与预留的 " + vmid + " 不符",
                    "the VM's node or VMID does not match the reserved " + vmid);
        }
    }

    /** Until when a VMID PVE reported as taken stays out of use. */
    public Instant conflictHoldFrom(Instant now) {
        return now.plus(CONFLICT_HOLD);
    }

    public long id() { return id; }
    public long nodeId() { return nodeId; }
    public Vmid vmid() { return vmid; }
    public Long vmId() { return vmId; }
    public Instant reservedUntil() { return reservedUntil; }
}
