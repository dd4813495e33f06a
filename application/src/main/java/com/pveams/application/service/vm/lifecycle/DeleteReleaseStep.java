package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.ManagedVm;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** Frees the addresses and the VMID reservation and marks the row deleted, in one transaction; a re-run finds it done. */
@Singleton
public class DeleteReleaseStep implements StepHandler {
    private final VmLifecycleWrites writes;

    @Inject
    public DeleteReleaseStep(VmLifecycleWrites writes) {
        this.writes = writes;
    }

    @Override
    public String kind() {
        return ManagedVm.DELETE_RELEASE;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        writes.finishDeletion(context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM")));
        return StepOutcome.done(Map.of("deleted", true));
    }
}
