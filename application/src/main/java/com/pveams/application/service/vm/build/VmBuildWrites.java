package com.pveams.application.service.vm.build;

import com.pveams.application.port.in.reservation.AddressAllocation;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.vm.VmBlueprints;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.vm.build.VmBlueprint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;

/** The short transactions of the build steps; PVE is never called inside one. */
@Singleton
public class VmBuildWrites {
    private final VmBlueprints rows;
    private final AddressAllocation addresses;
    private final VmidReservations reservations;
    private final SecretCipher cipher;
    private final Clock clock;

    @Inject
    public VmBuildWrites(VmBlueprints rows, AddressAllocation addresses, VmidReservations reservations,
                         SecretCipher cipher, Clock clock) {
        this.rows = rows;
        this.addresses = addresses;
        this.reservations = reservations;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** @throws DomainException VM_NOT_EXIST when the row is gone; a refusal naming the column for a broken row */
    @Transactional
    public VmBlueprint blueprint(long vmId) {
        return rows.find(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
    }

    /** The live row's node and VMID, whatever else the row holds; empty when it is gone or deleted. */
    @Transactional
    public Optional<VmBlueprints.GuestPlace> guestPlace(long vmId) {
        return rows.guestPlace(vmId);
    }

    /** The row's OS image, whose template a create may clone. */
    @Transactional
    public Optional<Long> osImageId(long vmId) {
        return rows.osImageId(vmId);
    }

    /** The plaintext password for PVE's {@code cipassword}: never stored, logged or put in an operation. */
    @Transactional
    public String guestPassword(long vmId) {
        return rows.guestPasswordToSend(vmId).map(cipher::decrypt)
                .orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
    }

    /**
     * First half of moving to another VMID: the reservation of the row's VMID is unbound (committed), so the
     * reservation service may mark it as held by a foreign guest and reserve the next one.
     */
    @Transactional
    public Optional<Long> releaseCurrentVmidBinding(long vmId) {
        Optional<Long> r = rows.reservationOfCurrentVmid(vmId);
        r.ifPresent(rows::unbindReservation);
        return r;
    }

    /** Second half: the row takes the new VMID and its reservation is bound to it, together. */
    @Transactional
    public void moveTo(long vmId, VmidReservations.Reservation next) {
        if (!rows.lock(vmId)) {
            throw new DomainException(ErrorCode.VM_NOT_EXIST);
        }
        rows.moveVmid(vmId, next.vmid());
        reservations.bind(next.id(), vmId);
    }

    /** The row becomes running (and a pending password the password); a re-run finds nothing to do. */
    @Transactional
    public boolean commit(long vmId) {
        return rows.markBuilt(vmId);
    }

    /**
     * A create that failed for good gives everything back in one transaction: addresses first (the row's delete
     * state cascades to the addresses it holds, and a deleted VM may hold none), the VMID reservation, then the row
     * is marked deleted. The row itself stays (VMIDs are never reused, see delete).
     */
    @Transactional
    public void abandon(long vmId) {
        if (!rows.lock(vmId)) {
            return;
        }
        addresses.releaseAll(vmId);
        rows.reservationOfCurrentVmid(vmId).ifPresent(reservations::release);
        rows.markAbandoned(vmId, clock.instant());
    }
}
