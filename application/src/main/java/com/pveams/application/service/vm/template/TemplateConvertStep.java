package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/** Converts the defined VM to a template: its disk becomes a base volume clones share. Done when PVE says template. */
@Singleton
public class TemplateConvertStep implements StepHandler {
    private final TemplateWrites writes;
    private final TemplatePve pve;

    @Inject
    public TemplateConvertStep(TemplateWrites writes, TemplatePve pve) {
        this.writes = writes;
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ImageTemplate.BUILD_CONVERT;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        ImageTemplate t = writes.find(TemplatePve.templateId(context))
                .orElseThrow(() -> new IllegalStateException("template gone"));
        if (t.abandoned()) {
            return StepOutcome.fail(TemplatePve.ABANDONED);
        }
        try {
            NodeEndpoint node = pve.node(context);
            Optional<StepOutcome> waiting = pve.stillRunning(context, node);
            if (waiting.isPresent()) {
                return waiting.get();
            }
            Optional<VmConfig> config = pve.config(node, t.vmid());
            if (config.isEmpty()) {
                return StepOutcome.fail("the template's VM " + t.vmid() + " is gone from PVE");
            }
            if (TemplatePve.isTemplate(config.get())) {
                return StepOutcome.done(Map.of("template", true));
            }
            Optional<StepOutcome> failed = pve.earlierFailure(context, node);
            if (failed.isPresent()) {
                return failed.get();
            }
            return StepOutcome.waitForTask(pve.vms().convertToTemplate(node, t.vmid()).value());
        } catch (HypervisorException e) {
            return TemplatePve.outcome(e);
        }
    }
}
