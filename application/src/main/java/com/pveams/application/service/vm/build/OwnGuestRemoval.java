package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.GuestMarker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Removes from PVE the guest a create made for a VM: only a guest at the VM's VMID whose description carries the
 * VM's marker, never a foreign one. Stopped first, then destroyed with purge as delete does. Each call reads PVE and
 * does one missing thing, so an undo run again after a crash picks up where PVE is.
 */
@Singleton
public class OwnGuestRemoval {
    private final PveSteps pve;

    @Inject
    public OwnGuestRemoval(PveSteps pve) {
        this.pve = pve;
    }

    /**
     * What the undo still has to do; empty once no guest of this VM is at the VMID (destroyed, never made, or the
     * VMID holds a foreign guest). A destroy that failed for good answers FAIL, so the VMID is not given back while
     * our guest is still on it; errors PVE may get over (unreachable, 5xx, lock contention) answer a retry.
     */
    public Optional<StepOutcome> stillToDo(StepContext context, PveSteps.Target t, GuestMarker marker) {
        try {
            Optional<StepOutcome> waiting = pve.stillRunning(context, t);
            if (waiting.isPresent()) {
                return waiting;
            }
            Optional<VmStatus> status = pve.status(t);
            if (status.isEmpty()) {
                return Optional.empty();
            }
            VmConfig config = pve.vms().vmConfig(t.node(), t.vmid());
            if (!marker.madeThis(config.get("description").orElse(null))) {
                return Optional.empty();
            }
            Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t);
            if (failed.isPresent()) {
                return failed;
            }
            if (config.get("lock").isPresent()) {
                return Optional.of(StepOutcome.retryLater(null, "PVE holds the guest locked ("
                        + config.get("lock").get() + ")"));
            }
            if (!status.get().stopped()) {
                return Optional.of(PveSteps.waitFor(pve.vms().power(t.node(), t.vmid(), PowerAction.STOP)));
            }
            return Optional.of(PveSteps.waitFor(pve.vms().deleteVm(t.node(), t.vmid())));
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            return Optional.of(PveSteps.outcome(e));
        }
    }
}
