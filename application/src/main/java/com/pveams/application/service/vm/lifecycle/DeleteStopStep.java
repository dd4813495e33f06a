package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.ManagedVm;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/** Powers the VM off at once (PVE {@code stop}): it is about to be destroyed, a graceful shutdown gains nothing. */
@Singleton
public class DeleteStopStep implements StepHandler {
    private final PveSteps pve;

    @Inject
    public DeleteStopStep(PveSteps pve) {
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ManagedVm.DELETE_STOP;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        try {
            PveSteps.Target t = pve.target(context);
            Optional<StepOutcome> waiting = pve.stillRunning(context, t);
            if (waiting.isPresent()) {
                return waiting.get();
            }
            Optional<VmStatus> status = pve.status(t);
            if (status.isEmpty()) {
                return StepOutcome.done(Map.of("onPve", false));
            }
            if (status.get().stopped()) {
                return StepOutcome.done(Map.of("onPve", true));
            }
            Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t);
            if (failed.isPresent()) {
                return failed.get();
            }
            return PveSteps.waitFor(pve.vms().power(t.node(), t.vmid(), PowerAction.STOP));
        } catch (HypervisorException e) {
            return PveSteps.outcome(e);
        }
    }
}
