package com.pveams.application.service.vm.power;

import com.pveams.application.config.VmPowerPolicy;
import com.pveams.application.port.in.vm.DeleteVmUseCase;
import com.pveams.application.port.in.vm.ExpireVmsUseCase;
import com.pveams.application.port.in.vm.PowerVmUseCase;
import com.pveams.application.port.in.vm.RenewVmUseCase;
import com.pveams.domain.error.DomainException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/** Power actions, renewal and the expiry job's work; each VM is one transaction of {@link VmPowerTransactions}. */
@Singleton
public class VmPowerService implements PowerVmUseCase, RenewVmUseCase, ExpireVmsUseCase {
    private static final System.Logger LOG = System.getLogger(VmPowerService.class.getName());

    private final VmPowerTransactions tx;
    private final VmPowerPolicy policy;
    private final DeleteVmUseCase deletes;
    private final Clock clock;

    @Inject
    public VmPowerService(VmPowerTransactions tx, VmPowerPolicy policy, DeleteVmUseCase deletes, Clock clock) {
        this.tx = tx;
        this.policy = policy;
        this.deletes = deletes;
        this.clock = clock;
    }

    @Override
    public long power(PowerVmCommand command) {
        return tx.request(command);
    }

    @Override
    public OptionalLong renew(RenewVmCommand command) {
        return tx.renew(command);
    }

    /**
     * One transaction per VM: a VM that cannot be stopped now (another operation runs on it: 1080, or it is being
     * created) is left for the next run instead of failing the others.
     */
    @Override
    public int expireDue() {
        int started = 0;
        for (long vmId : tx.dueForExpiry(policy.expiryBatch())) {
            try {
                if (tx.expire(vmId)) {
                    started++;
                }
            } catch (DomainException e) {
                LOG.log(System.Logger.Level.DEBUG, "VM " + vmId + " not stopped for expiry this time: " + e.code());
            }
        }
        return started;
    }

    /**
     * The same delete an admin would start, one VM at a time: a VM renewed or given another operation since it was
     * listed is refused by the delete's own checks (or 1080) and left alone.
     */
    @Override
    public int deleteLongExpired() {
        Instant before = policy.autoDeleteExpiredBefore(clock.instant()).orElse(null);
        if (before == null) {
            return 0;
        }
        int started = 0;
        for (long vmId : tx.expiredBefore(before, policy.expiryBatch())) {
            try {
                deletes.delete(new DeleteVmUseCase.DeleteVm(vmId, VmPowerTransactions.SYSTEM));
                started++;
            } catch (DomainException e) {
                LOG.log(System.Logger.Level.DEBUG, "VM " + vmId + " not deleted after expiry this time: " + e.code());
            }
        }
        return started;
    }
}
