package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.ProvisioningPlan;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Makes the guest on PVE with its system disk, CPU, memory, network and cloud-init. A guest already at the row's
 * VMID is ours when its description carries the row's marker (an earlier run made it): then the step is done once
 * PVE's create task let go of it. A guest we did not make holds the VMID: the row moves to the next free VMID and the
 * create goes on there. The undo destroys our guest with its disks, never a foreign one.
 */
@Singleton
public class VmCreateDefineStep implements StepHandler {
    /** Foreign guests skipped in one run before giving the step back to the engine's retry. */
    private static final int MAX_VMID_MOVES = 5;

    private final BuildTarget targets;
    private final PveSteps pve;
    private final VmBuildWrites writes;
    private final VmidReservations reservations;

    @Inject
    public VmCreateDefineStep(BuildTarget targets, PveSteps pve, VmBuildWrites writes, VmidReservations reservations) {
        this.targets = targets;
        this.pve = pve;
        this.writes = writes;
        this.reservations = reservations;
    }

    @Override
    public String kind() {
        return ProvisioningPlan.DEFINE;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        try {
            for (int moves = 0; moves <= MAX_VMID_MOVES; moves++) {
                BuildTarget.Target t = targets.of(context);
                Optional<String> refused = refusedOnThisNode(t);
                if (refused.isPresent()) {
                    return StepOutcome.fail(refused.get());
                }
                Optional<StepOutcome> waiting = pve.stillRunning(context, t.pve());
                if (waiting.isPresent()) {
                    return waiting.get();
                }
                Optional<VmStatus> status = pve.status(t.pve());
                if (status.isPresent()) {
                    VmConfig config = pve.vms().vmConfig(t.node(), t.vmid());
                    if (t.blueprint().madeThis(config.get("description").orElse(null))) {
                        return config.get("lock").isPresent()
                                ? StepOutcome.retryLater(null, "PVE still holds the new guest locked ("
                                        + config.get("lock").get() + ")")
                                : StepOutcome.done(Map.of("vmid", t.vmid()));
                    }
                    moveToNextVmid(t);
                    continue;
                }
                Optional<String> failed = pve.earlierTaskFailure(context, t.pve());
                if (failed.isPresent()) {
                    return StepOutcome.retryLater(null, failed.get());
                }
                try {
                    return PveSteps.waitFor(create(t));
                } catch (HypervisorException e) {
                    if (e.conflict() != HypervisorException.Conflict.ALREADY_EXISTS) {
                        throw e;
                    }
                    // made meanwhile by someone: the next round reads whose it is
                }
            }
            return StepOutcome.retryLater(null, "VMIDs after the row's are taken by guests this service did not make");
        } catch (HypervisorException e) {
            return PveSteps.outcome(e);
        }
    }

    /**
     * The import of the image as the system disk. A clone of the image's template goes here beside it, chosen by the
     * node's template registry, and falls back to this import.
     */
    private com.pveams.application.port.out.hypervisor.Upid create(BuildTarget.Target t) {
        String password = writes.guestPassword(t.blueprint().vmId());
        return pve.vms().createVm(t.node(), new VmCreateSpec(t.vmid(),
                VmBuildSettings.forImport(t.blueprint(), password), false));
    }

    /** What PVE would refuse to anyone but root@pam, refused before asking it, with the reason. */
    private static Optional<String> refusedOnThisNode(BuildTarget.Target t) {
        NodeAuth auth = t.node().auth();
        boolean root = auth instanceof NodeAuth.Password && "root@pam".equals(auth.userId());
        if (root || !t.blueprint().needsRoot()) {
            return Optional.empty();
        }
        return Optional.of(t.blueprint().importNeedsRoot()
                ? "the image is an absolute path on the node (" + t.blueprint().imageLocation() + "): PVE imports"
                        + " paths only for root@pam, and this node logs in as " + auth.userId()
                        + (auth instanceof NodeAuth.ApiToken ? " with an API token" : "")
                : "the VM has QEMU args: PVE sets them only for root@pam, and this node logs in as " + auth.userId());
    }

    private void moveToNextVmid(BuildTarget.Target t) {
        long vmId = t.blueprint().vmId();
        long taken = writes.releaseCurrentVmidBinding(vmId).orElseThrow(() -> new IllegalStateException(
                "VM " + vmId + " has no reservation for VMID " + t.vmid()));
        writes.moveTo(vmId, reservations.reserveNextAfterConflict(taken));
    }

    @Override
    public StepOutcome compensate(StepContext context) {
        try {
            BuildTarget.Target t = targets.of(context);
            Optional<StepOutcome> waiting = pve.stillRunning(context, t.pve());
            if (waiting.isPresent()) {
                return waiting.get();
            }
            Optional<VmStatus> status = pve.status(t.pve());
            if (status.isEmpty()) {
                return StepOutcome.done(Map.of("destroyed", true));
            }
            VmConfig config = pve.vms().vmConfig(t.node(), t.vmid());
            if (!t.blueprint().madeThis(config.get("description").orElse(null))) {
                return StepOutcome.done(Map.of("destroyed", false));
            }
            if (config.get("lock").isPresent()) {
                return StepOutcome.retryLater(null, "PVE holds the guest locked (" + config.get("lock").get() + ")");
            }
            if (!status.get().stopped()) {
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
