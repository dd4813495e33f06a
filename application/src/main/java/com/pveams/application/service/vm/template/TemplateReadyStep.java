package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.template.CloneSupport;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** Offers the template for cloning, linked where its storage's type supports it, full copies otherwise. */
@Singleton
public class TemplateReadyStep implements StepHandler {
    private final TemplateWrites writes;
    private final TemplatePve pve;

    @Inject
    public TemplateReadyStep(TemplateWrites writes, TemplatePve pve) {
        this.writes = writes;
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ImageTemplate.BUILD_READY;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        long templateId = TemplatePve.templateId(context);
        ImageTemplate t = writes.find(templateId).orElseThrow(() -> new IllegalStateException("template gone"));
        if (t.abandoned()) {
            return StepOutcome.fail(TemplatePve.ABANDONED);
        }
        if (t.cloneable()) {
            return StepOutcome.done(Map.of("linkedClones", t.linkedClones()));
        }
        try {
            String type = pve.nodes().storageStatus(pve.node(context), t.storage()).type();
            return StepOutcome.done(Map.of("linkedClones",
                    writes.ready(templateId, CloneSupport.linkedClones(type)).linkedClones()));
        } catch (HypervisorException e) {
            return TemplatePve.outcome(e);
        }
    }
}
