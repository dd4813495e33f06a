package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * First step of a build; does nothing itself. Its undo runs last when the build fails, at any step: it releases the
 * VMID and marks the template FAILED, so no failure leaves a row BUILDING for ever.
 */
@Singleton
public class TemplateBeginStep implements StepHandler {
    private final TemplateWrites writes;

    @Inject
    public TemplateBeginStep(TemplateWrites writes) {
        this.writes = writes;
    }

    @Override
    public String kind() {
        return ImageTemplate.BUILD_BEGIN;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        return StepOutcome.done();
    }

    @Override
    public StepOutcome compensate(StepContext context) {
        writes.failed(TemplatePve.templateId(context), "template build operation " + context.operationId() + " failed");
        return StepOutcome.done(Map.of("failed", true));
    }
}
