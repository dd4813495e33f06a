package com.pveams.application.service.reservation;

import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.out.reservation.VmRows;
import com.pveams.application.port.out.reservation.VmidReservationStore;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.reservation.Vmid;
import com.pveams.domain.reservation.VmidReservation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * VMID reservations. A reservation commits on its own ({@code REQUIRES_NEW}) so that it holds its VMID for every
 * other replica before PVE is called, and never waits for the caller's longer transaction.
 */
@Singleton
public class VmidReservationService implements VmidReservations {
    /** Candidates examined per query. */
    static final int WINDOW = 1024;
    /** Claims tried before giving up: each lost claim means another create took that VMID in the meantime. */
    static final int MAX_CLAIMS = 256;

    private final VmidReservationStore store;
    private final VmRows vms;
    private final Clock clock;

    @Inject
    public VmidReservationService(VmidReservationStore store, VmRows vms, Clock clock) {
        this.store = store;
        this.vms = vms;
        this.clock = clock;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Reservation reserve(long nodeId, Long hint) {
        Vmid from = Vmid.fromHint(hint);
        if (!store.nodeExists(nodeId)) {
            throw new DomainException(ErrorCode.NODE_NOT_EXIST, "nodeId", null, null);
        }
        return view(reserveFrom(nodeId, from));
    }

    private VmidReservation reserveFrom(long nodeId, Vmid start) {
        Instant now = clock.instant();
        Optional<Vmid> from = Optional.of(start);
        int claims = 0;
        while (from.isPresent() && claims < MAX_CLAIMS) {
            OptionalInt candidate = store.firstFree(nodeId, from.get(), WINDOW, now);
            if (candidate.isEmpty()) {
                long next = (long) from.get().value() + WINDOW;
                from = next > Vmid.MAX ? Optional.empty() : Optional.of(new Vmid((int) next));
                continue;
            }
            Vmid vmid = new Vmid(candidate.getAsInt());
            Optional<VmidReservation> r = store.claim(nodeId, vmid, now, VmidReservation.holdFrom(now));
            if (r.isPresent()) {
                return r.get();
            }
            claims++;
            from = vmid.next();
        }
        throw DomainException.failure("没有可用的 VMID", "no free VMID is left from " + start);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Reservation reserveNextAfterConflict(long reservationId) {
        VmidReservation taken = existing(reservationId);
        if (taken.bound()) {
            throw DomainException.invalid("vmid", "VMID " + taken.vmid() + " 已绑定到虚拟机", "VMID " + taken.vmid() + " is bound to a VM");
        }
        Instant now = clock.instant();
        store.markPveConflict(taken.id(), taken.conflictHoldFrom(now));
        Vmid from = taken.vmid().next().orElseThrow(() ->
                DomainException.failure("没有可用的 VMID", "no free VMID is left after " + taken.vmid()));
        return view(reserveFrom(taken.nodeId(), from));
    }

    @Override
    @Transactional
    public void bind(long reservationId, long vmId) {
        VmidReservation r = existing(reservationId);
        VmRows.VmRow vm = vms.find(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST, "vmId", null, null));
        r.requireBindable(vm.id(), vm.nodeId() == null ? -1 : vm.nodeId(), vm.vmid());
        if (!r.bound()) {
            store.bind(r.id(), vmId);
        }
    }

    @Override
    @Transactional
    public void release(long reservationId) {
        store.delete(reservationId);
    }

    /** A reservation that expired and was taken over has a new id: the old one is gone, so is the claim on it. */
    private VmidReservation existing(long id) {
        return store.findForUpdate(id).orElseThrow(() -> DomainException.invalid("reservationId",
                "VMID 预留不存在（已过期并被其他创建占用，或已释放）",
                "the VMID reservation no longer exists (it expired and was taken over, or was released)"));
    }

    private static Reservation view(VmidReservation r) {
        return new Reservation(r.id(), r.nodeId(), r.vmid().value(), r.reservedUntil());
    }
}
