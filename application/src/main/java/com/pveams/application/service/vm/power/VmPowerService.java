package com.pveams.application.service.vm.power;

import com.pveams.application.config.VmPowerPolicy;
import com.pveams.application.port.in.vm.ExpireVmsUseCase;
import com.pveams.application.port.in.vm.PowerVmUseCase;
import com.pveams.application.port.in.vm.RenewVmUseCase;
import com.pveams.domain.error.DomainException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.OptionalLong;

/** Power actions, renewal and the expiry job's work; each VM is one transaction of {@link VmPowerTransactions}. */
@Singleton
public class VmPowerService implements PowerVmUseCase, RenewVmUseCase, ExpireVmsUseCase {
    private static final System.Logger LOG = System.getLogger(VmPowerService.class.getName());

    private final VmPowerTransactions tx;
    private final VmPowerPolicy policy;

    @Inject
    public VmPowerService(VmPowerTransactions tx, VmPowerPolicy policy) {
        this.tx = tx;
        this.policy = policy;
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
}
