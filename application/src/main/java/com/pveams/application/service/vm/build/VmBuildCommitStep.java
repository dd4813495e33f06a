package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.ProvisioningPlan;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** The row becomes running, and a pending guest password (reinstall) the guest password; a re-run changes nothing. */
@Singleton
public class VmBuildCommitStep implements StepHandler {
    private final VmBuildWrites writes;

    @Inject
    public VmBuildCommitStep(VmBuildWrites writes) {
        this.writes = writes;
    }

    @Override
    public String kind() {
        return ProvisioningPlan.COMMIT;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        boolean changed = writes.commit(context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM")));
        return StepOutcome.done(Map.of("committed", changed));
    }
}
