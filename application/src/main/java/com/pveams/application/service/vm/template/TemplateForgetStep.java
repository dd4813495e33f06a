package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/** The template VM is gone: removes the row and releases its VMID. */
@Singleton
public class TemplateForgetStep implements StepHandler {
    private final TemplateWrites writes;

    @Inject
    public TemplateForgetStep(TemplateWrites writes) {
        this.writes = writes;
    }

    @Override
    public String kind() {
        return ImageTemplate.DESTROY_FORGET;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        writes.forget(TemplatePve.templateId(context));
        return StepOutcome.done(Map.of("forgotten", true));
    }
}
