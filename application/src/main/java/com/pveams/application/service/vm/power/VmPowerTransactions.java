package com.pveams.application.service.vm.power;

import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.in.vm.PowerVmUseCase.PowerVmCommand;
import com.pveams.application.port.in.vm.RenewVmUseCase.RenewVmCommand;
import com.pveams.application.port.out.vm.VmPowerRows;
import com.pveams.application.port.out.vm.VmPowerRows.PowerSubject;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.vm.PowerTransition;
import com.pveams.domain.vm.Renewal;
import com.pveams.domain.vm.VmPowerAction;
import com.pveams.domain.vm.VmState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The database side of power actions, each method one transaction: the VM row is locked, checked, given its
 * transitional status and its operation started together, so a refusal (1080 included) writes nothing.
 */
@Singleton
public class VmPowerTransactions {
    static final String BEGIN = "VM_POWER_BEGIN";
    static final String ACTION = "VM_POWER";
    static final String SYSTEM = "system";

    private final VmPowerRows rows;
    private final StartOperation operations;
    private final Clock clock;

    @Inject
    public VmPowerTransactions(VmPowerRows rows, StartOperation operations, Clock clock) {
        this.rows = rows;
        this.operations = operations;
        this.clock = clock;
    }

    @Transactional
    public long request(PowerVmCommand c) {
        // the legacy power controller answers a missing VM with 20400 虚拟机不存在, which the panels read (not 1016)
        PowerSubject vm = rows.lockLive(c.hostId()).orElseThrow(() -> DomainException.failure(
                ErrorCode.VM_NOT_EXIST.message(false), ErrorCode.VM_NOT_EXIST.message(true)));
        PowerTransition t = c.action().admit(vm.status(), !vm.expiresAt().isAfter(clock.instant()));
        return begin(vm, t, PowerTransition.TYPE_PREFIX + c.action().name(), c.pauseInfo(), c.requestedBy());
    }

    @Transactional
    public OptionalLong renew(RenewVmCommand c) {
        PowerSubject vm = live(c.hostId());
        Renewal renewal = Renewal.of(c.expirationTime(), clock.instant());
        boolean restart = renewal.restarts(vm.status());
        rows.setExpiry(vm.id(), renewal.expiresAt());
        if (!restart) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(begin(vm, PowerTransition.startAfterRenewal(), PowerTransition.RENEWAL_TYPE, null,
                c.requestedBy()));
    }

    @Transactional
    public List<Long> dueForExpiry(int limit) {
        return rows.dueForExpiry(clock.instant(), limit);
    }

    /** VMs expired before {@code before} with no operation running, for the auto-delete. */
    @Transactional
    public List<Long> expiredBefore(Instant before, int limit) {
        return rows.expiredBefore(before, limit);
    }

    /** Starts the expiry stop of one VM if it is still due (it may have been renewed since it was listed). */
    @Transactional
    public boolean expire(long vmId) {
        PowerSubject vm = rows.lockLive(vmId).orElse(null);
        if (vm == null || vm.expiresAt().isAfter(clock.instant())) {
            return false;
        }
        if (vm.status() == VmState.PAUSED || vm.status() == VmState.EXPIRED) {
            return false;
        }
        begin(vm, PowerTransition.expire(vm.status()), PowerTransition.EXPIRY_TYPE, null, SYSTEM);
        return true;
    }

    /** A step's status write: only over the status the operation set, so nothing newer is overwritten. */
    @Transactional
    public boolean settle(long vmId, VmState expected, VmState next) {
        return rows.compareAndSetStatus(vmId, expected, next);
    }

    private PowerSubject live(long vmId) {
        return rows.lockLive(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST));
    }

    private long begin(PowerSubject vm, PowerTransition t, String type, String pauseInfo, String requestedBy) {
        long id = operations.start(NewOperation.of(type, vm.id(), vm.nodeId(), t.params(vm.vmid()),
                requestedBy == null ? SYSTEM : requestedBy, BEGIN, ACTION));
        rows.setStatus(vm.id(), t.transitional(), pauseInfo, t.action() == VmPowerAction.UNPAUSE);
        return id;
    }
}
