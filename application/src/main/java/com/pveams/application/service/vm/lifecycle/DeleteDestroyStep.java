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

/**
 * Destroys the VM on PVE with purge and its unreferenced disks. Done when PVE no longer knows the VM, also when it
 * was gone before (deleted by hand on the node): that is the goal, not an error.
 */
@Singleton
public class DeleteDestroyStep implements StepHandler {
    private final PveSteps pve;

    @Inject
    public DeleteDestroyStep(PveSteps pve) {
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ManagedVm.DELETE_DESTROY;
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
                return StepOutcome.done(Map.of("destroyed", true));
            }
            Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t);
            if (failed.isPresent()) {
                return failed.get();
            }
            if (!status.get().stopped()) {
                // started again since the stop step: PVE refuses to destroy a running VM
                return PveSteps.waitFor(pve.vms().power(t.node(), t.vmid(), PowerAction.STOP));
            }
            return PveSteps.waitFor(pve.vms().deleteVm(t.node(), t.vmid()));
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                return StepOutcome.done(Map.of("destroyed", true));
            }
            return PveSteps.outcome(e);
        }
    }
}
