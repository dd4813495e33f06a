package com.pveams.application.service.vm.power;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.PowerTransition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * First step of a power operation. The transitional status was written with the operation; this step exists for
 * its undo: when the PVE step fails for good, the VM gets its previous status back instead of keeping "starting".
 */
@Singleton
public class PowerBeginStep implements StepHandler {
    private final VmPowerTransactions tx;

    @Inject
    public PowerBeginStep(VmPowerTransactions tx) {
        this.tx = tx;
    }

    @Override
    public String kind() {
        return VmPowerTransactions.BEGIN;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        return StepOutcome.done();
    }

    @Override
    public StepOutcome compensate(StepContext context) {
        PowerTransition t = PowerTransition.fromParams(context.params());
        boolean restored = tx.settle(context.vmId().orElseThrow(), t.transitional(), t.previous());
        return StepOutcome.done(Map.of("restoredStatus", restored ? t.previous().code() : -1));
    }
}
