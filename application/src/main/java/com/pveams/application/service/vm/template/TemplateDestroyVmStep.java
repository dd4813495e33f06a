package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Destroys a deleted image's template VM on PVE (PVE refuses while linked clones still use its base: retried). */
@Singleton
public class TemplateDestroyVmStep implements StepHandler {
    private final TemplatePve pve;

    @Inject
    public TemplateDestroyVmStep(TemplatePve pve) {
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ImageTemplate.DESTROY_VM;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        return pve.destroy(context, ((Number) context.params().get("vmid")).intValue());
    }
}
