package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.service.vm.build.GuestNetworkSnippets;
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
    private final GuestNetworkSnippets snippets;

    @Inject
    public DeleteDestroyStep(PveSteps pve, GuestNetworkSnippets snippets) {
        this.pve = pve;
        this.snippets = snippets;
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
                return destroyed(context, t);
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

    /** The guest is gone; its multi-IP network snippet goes too (best effort, never failing the delete). */
    private StepOutcome destroyed(StepContext context, PveSteps.Target t) {
        boolean removed = context.nodeId().map(n -> snippets.removeAfterDestroy(n, t.vmid())).orElse(false);
        return StepOutcome.done(removed ? Map.of("destroyed", true, "snippetRemoved", true) : Map.of("destroyed", true));
    }
}
