package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Reserves the template's VMID in the node's VMID space, PVE's next free id as the hint, and records it on the row,
 * which holds it from then on. A re-run finds the VMID recorded.
 */
@Singleton
public class TemplateReserveStep implements StepHandler {
    private final TemplateWrites writes;
    private final VmidReservations vmids;
    private final TemplatePve pve;

    @Inject
    public TemplateReserveStep(TemplateWrites writes, VmidReservations vmids, TemplatePve pve) {
        this.writes = writes;
        this.vmids = vmids;
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ImageTemplate.BUILD_RESERVE;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        long templateId = TemplatePve.templateId(context);
        ImageTemplate t = writes.find(templateId).orElseThrow(() -> new IllegalStateException("template gone"));
        if (t.abandoned()) {
            return StepOutcome.fail(TemplatePve.ABANDONED);
        }
        if (t.vmid() != null) {
            return StepOutcome.done(Map.of("vmid", t.vmid()));
        }
        int hint;
        try {
            hint = pve.nodes().nextFreeVmid(pve.node(context));
        } catch (HypervisorException e) {
            return TemplatePve.outcome(e);
        }
        VmidReservations.Reservation r = vmids.reserve(context.nodeId().orElseThrow(), (long) hint);
        // a crash before this line leaves an unbound reservation, which expires on its own
        return StepOutcome.done(Map.of("vmid", writes.assignVmid(templateId, r).vmid()));
    }
}
