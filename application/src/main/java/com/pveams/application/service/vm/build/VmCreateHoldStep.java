package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.vm.VmBlueprints;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.GuestMarker;
import com.pveams.domain.vm.build.ProvisioningPlan;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Holds nothing itself: it exists for its undo, which runs last when the create fails for good. The undo first
 * removes a guest of this VM still on PVE at the row's VMID: the define step may have made one and then failed
 * (its clone's config change failed, or it crashed), and a step that did not finish is never undone itself. PVE's
 * state decides, so this holds across crashes. Only then does it give back what the request held (addresses, VMID
 * reservation) and mark the row deleted: a VMID is never freed while our guest may still be on it.
 */
@Singleton
public class VmCreateHoldStep implements StepHandler {
    private final VmBuildWrites writes;
    private final NodeConnections nodes;
    private final OwnGuestRemoval removal;

    @Inject
    public VmCreateHoldStep(VmBuildWrites writes, NodeConnections nodes, OwnGuestRemoval removal) {
        this.writes = writes;
        this.nodes = nodes;
        this.removal = removal;
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
        long vmId = context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM"));
        Optional<VmBlueprints.GuestPlace> place = writes.guestPlace(vmId);
        if (place.isPresent()) {
            NodeEndpoint node;
            try {
                node = nodes.connect(place.get().nodeId()).requireApi();
            } catch (DomainException e) {
                // not knowing whether a guest is there, the VMID stays held: retried, then recorded as failed
                return StepOutcome.retryLater(null, "cannot reach the VM's node to look for its guest: "
                        + e.render(true));
            }
            Optional<StepOutcome> removing = removal.stillToDo(context,
                    new PveSteps.Target(vmId, node, place.get().vmid()), new GuestMarker(vmId));
            if (removing.isPresent()) {
                return removing.get();
            }
        }
        writes.abandon(vmId);
        return StepOutcome.done(Map.of("released", true));
    }
}
