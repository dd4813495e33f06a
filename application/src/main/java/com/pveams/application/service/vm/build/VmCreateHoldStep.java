package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.ProvisioningPlan;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Holds nothing itself: it exists for its undo, which runs last when the create fails for good and gives back
 * what the request held (addresses, VMID reservation) and marks the row deleted.
 */
@Singleton
public class VmCreateHoldStep implements StepHandler {
    private final VmBuildWrites writes;

    @Inject
    public VmCreateHoldStep(VmBuildWrites writes) {
        this.writes = writes;
    }

    @Override
    public String kind() {
        return ProvisioningPlan.HOLD;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        return StepOutcome.done(Map.of());
    }

    @Override
    public StepOutcome compensate(StepContext context) {
        writes.abandon(context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM")));
        return StepOutcome.done(Map.of("released", true));
    }
}
