package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.ProvisioningPlan;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/** Boots the built guest unless it runs already, and waits for PVE's start task. */
@Singleton
public class VmBuildStartStep implements StepHandler {
    private final BuildTarget targets;
    private final PveSteps pve;

    @Inject
    public VmBuildStartStep(BuildTarget targets, PveSteps pve) {
        this.targets = targets;
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ProvisioningPlan.START;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        try {
            BuildTarget.Target t = targets.of(context);
            Optional<StepOutcome> waiting = pve.stillRunning(context, t.pve());
            if (waiting.isPresent()) {
                return waiting.get();
            }
            Optional<VmStatus> status = pve.status(t.pve());
            if (status.isEmpty()) {
                return StepOutcome.fail("the guest " + t.vmid() + " is gone from PVE");
            }
            if (status.get().running()) {
                return StepOutcome.done(Map.of("running", true));
            }
            Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t.pve());
            if (failed.isPresent()) {
                return failed.get();
            }
            return PveSteps.waitFor(pve.vms().power(t.node(), t.vmid(), PowerAction.START));
        } catch (HypervisorException e) {
            return PveSteps.outcome(e);
        }
    }
}
