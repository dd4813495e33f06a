package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.DiskResize;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.ProvisioningPlan;
import com.pveams.domain.vm.build.VmBlueprint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the disks to the row: the system disk grown to {@code system_disk_gb} (never shrunk), its throttles, and
 * each data disk slot PVE lacks added as a new volume. One change per run: after its task the step runs again and
 * reads PVE anew, so a re-run (or a reinstall, which shares the step) does only what is still missing.
 */
@Singleton
public class VmBuildDisksStep implements StepHandler {
    private final BuildTarget targets;
    private final PveSteps pve;

    @Inject
    public VmBuildDisksStep(BuildTarget targets, PveSteps pve) {
        this.targets = targets;
        this.pve = pve;
    }

    @Override
    public String kind() {
        return ProvisioningPlan.DISKS;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        try {
            BuildTarget.Target t = targets.of(context);
            Optional<StepOutcome> waiting = pve.stillRunning(context, t.pve());
            if (waiting.isPresent()) {
                return waiting.get();
            }
            Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t.pve());
            if (failed.isPresent()) {
                return failed.get();
            }
            VmConfig config = pve.vms().vmConfig(t.node(), t.vmid());
            if (config.get("lock").isPresent()) {
                return StepOutcome.retryLater(null, "PVE holds the guest locked (" + config.get("lock").get() + ")");
            }
            VmBlueprint bp = t.blueprint();
            String system = config.get("scsi0").orElse(null);
            if (system == null) {
                return StepOutcome.fail("the guest has no system disk (scsi0)");
            }
            if (bp.systemDiskNeedsGrowth(VmBlueprint.diskSizeGb(system))) {
                return PveSteps.waitFor(pve.vms().resizeDisk(t.node(), t.vmid(),
                        DiskResize.toGiB("scsi0", bp.systemDiskGb())));
            }
            if (!bp.diskLimits().appliedIn(system)) {
                String volume = system.split(",", 2)[0];
                return apply(t, DiskSpec.existing(DiskSpec.Bus.SCSI, 0, volume)
                        .withLimits(VmBuildSettings.limits(bp.diskLimits())), context);
            }
            List<VmBlueprint.DataVolume> missing = bp.missingDataDisks(config.values().keySet());
            if (!missing.isEmpty()) {
                VmBlueprint.DataVolume d = missing.get(0);
                return apply(t, DiskSpec.newVolume(DiskSpec.Bus.SCSI, d.slot(), d.storage(), d.sizeGb()), context);
            }
            return StepOutcome.done(Map.of("systemDiskGb", bp.systemDiskGb(), "dataDisks",
                    bp.dataDisks().disks().size()));
        } catch (HypervisorException e) {
            return PveSteps.outcome(e);
        }
    }

    /** A config change; when PVE applied it at once the step goes on with the next thing at once. */
    private StepOutcome apply(BuildTarget.Target t, DiskSpec disk, StepContext context) {
        Optional<Upid> task = pve.vms().updateVmConfig(t.node(), t.vmid(),
                VmConfigUpdate.of(VmSettings.builder().disk(disk).build()));
        return task.map(PveSteps::waitFor).orElseGet(() -> execute(context));
    }
}
