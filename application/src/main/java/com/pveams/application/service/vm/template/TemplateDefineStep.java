package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Creates the template's VM, stopped, with the downloaded image imported as its system disk on the template's
 * storage (the slow part: the import copies the whole image). Done when PVE knows the VM; its undo destroys it.
 */
@Singleton
public class TemplateDefineStep implements StepHandler {
    private final TemplateWrites writes;
    private final TemplatePve pve;

    @Inject
    public TemplateDefineStep(TemplateWrites writes, TemplatePve pve) {
        this.writes = writes;
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ImageTemplate.BUILD_DEFINE;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        ImageTemplate t = writes.find(TemplatePve.templateId(context))
                .orElseThrow(() -> new IllegalStateException("template gone"));
        try {
            NodeEndpoint node = pve.node(context);
            Optional<StepOutcome> waiting = pve.stillRunning(context, node);
            if (waiting.isPresent()) {
                return waiting.get();
            }
            if (pve.config(node, t.vmid()).isPresent()) {
                // also when abandoned meanwhile: the next step fails and this step's undo destroys the VM
                return StepOutcome.done(Map.of("defined", true));
            }
            if (t.abandoned()) {
                return StepOutcome.fail(TemplatePve.ABANDONED);
            }
            Optional<StepOutcome> failed = pve.earlierFailure(context, node);
            if (failed.isPresent()) {
                return failed.get();
            }
            Optional<String> file = writes.imageFile(t.osImageId(), t.nodeId());
            if (file.isEmpty()) {
                return StepOutcome.fail("the image is not downloaded on the node");
            }
            VmSettings settings = VmSettings.builder().name("ams-template-" + t.osImageId()).memoryMiB(512).cores(1)
                    .scsiHardware("virtio-scsi-single")
                    .disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, t.storage(), file.get()))
                    .description("template of OS image " + t.osImageId() + " (ProxmoxVE-AMS)").build();
            return StepOutcome.waitForTask(pve.vms().createVm(node, new VmCreateSpec(t.vmid(), settings, false))
                    .value());
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.CONFLICT && e.getMessage() != null
                    && e.getMessage().contains("already exists")) {
                return StepOutcome.fail("VMID " + t.vmid() + " is taken on PVE by a guest this service does not know");
            }
            return TemplatePve.outcome(e);
        }
    }

    @Override
    public StepOutcome compensate(StepContext context) {
        Optional<ImageTemplate> t = writes.find(TemplatePve.templateId(context));
        if (t.isEmpty() || t.get().vmid() == null) {
            return StepOutcome.done();
        }
        return pve.destroy(context, t.get().vmid());
    }
}
