package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.out.hypervisor.CloneSpec;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.application.service.vm.template.ImageTemplates;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.ProvisioningPlan;
import com.pveams.domain.vm.build.VmBlueprint;
import com.pveams.domain.vm.template.ImageTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes the guest on PVE with its system disk, CPU, memory, network and cloud-init: a clone of the image's template
 * when the node has a ready one, then the VM's settings applied to it, else an import of the image. A guest already
 * at the row's VMID is ours when its description carries one of the row's markers (an earlier run made it), which
 * also says whether a clone still lacks its settings: the step is done once those are in and PVE let go of it. A guest we did not make holds the VMID: the row moves to the next free VMID and the
 * create goes on there. The undo destroys our guest with its disks, never a foreign one ({@link OwnGuestRemoval});
 * when this step itself fails after making a guest, the create's last undo ({@link VmCreateHoldStep}) removes it.
 */
@Singleton
public class VmCreateDefineStep implements StepHandler {
    /** Foreign guests skipped in one run before giving the step back to the engine's retry. */
    private static final int MAX_VMID_MOVES = 5;

    private static final Pattern DISK_KEY = Pattern.compile("(ide|sata|scsi|virtio)\\d+");

    private final BuildTarget targets;
    private final PveSteps pve;
    private final VmBuildWrites writes;
    private final VmidReservations reservations;
    private final ImageTemplates templates;
    private final OwnGuestRemoval removal;

    @Inject
    public VmCreateDefineStep(BuildTarget targets, PveSteps pve, VmBuildWrites writes, VmidReservations reservations,
                              ImageTemplates templates, OwnGuestRemoval removal) {
        this.targets = targets;
        this.pve = pve;
        this.writes = writes;
        this.reservations = reservations;
        this.templates = templates;
        this.removal = removal;
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
                    Optional<VmBlueprint.Made> made = t.blueprint().made(config.get("description").orElse(null));
                    if (made.isEmpty()) {
                        moveToNextVmid(t);
                        continue;
                    }
                    // our guest, and the task of the earlier run (the clone, or the clone's config change) failed:
                    // for good fails the step, whose guest the create's undo then removes (see VmCreateHoldStep)
                    Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t.pve());
                    if (failed.isPresent()) {
                        return failed.get();
                    }
                    if (config.get("lock").isPresent()) {
                        return StepOutcome.retryLater(null, "PVE still holds the new guest locked ("
                                + config.get("lock").get() + ")");
                    }
                    return made.get() == VmBlueprint.Made.CLONED_UNCONFIGURED
                            ? configureClone(t, config)
                            : done(t, made.get());
                }
                Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t.pve());
                if (failed.isPresent()) {
                    return failed.get();
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
     * A clone of the image's template on the VM's storage when the registry has a ready one (linked where the storage
     * allows it, else a full copy onto the VM's storage), else the import of the image as the system disk. The clone
     * carries the cloning marker from PVE's first write; its settings follow in {@link #configureClone}.
     */
    private Upid create(BuildTarget.Target t) {
        VmBlueprint bp = t.blueprint();
        Optional<ImageTemplate> template = writes.osImageId(bp.vmId())
                .flatMap(image -> templates.readyTemplate(image, bp.nodeId(), bp.storage()));
        if (template.isPresent()) {
            ImageTemplate tpl = template.get();
            CloneSpec spec = (tpl.linkedClones() ? CloneSpec.linked(t.vmid(), bp.hostname())
                    : CloneSpec.full(t.vmid(), bp.hostname(), bp.storage())).withDescription(bp.cloningMarker());
            try {
                return pve.vms().cloneVm(t.node(), tpl.vmid(), spec);
            } catch (HypervisorException e) {
                if (e.kind() != HypervisorException.Kind.NOT_FOUND) {
                    throw e;
                }
                // the template went away after the registry answered (its image was deleted): import instead
            }
        }
        String password = writes.guestPassword(bp.vmId());
        return pve.vms().createVm(t.node(), new VmCreateSpec(t.vmid(), VmBuildSettings.forImport(bp, password), false));
    }

    /**
     * The VM's own settings on the fresh clone, in one change computed from (and guarded by the digest of) the config
     * just read; the change sets the cloned marker, so once PVE has it a re-run is done.
     */
    private StepOutcome configureClone(BuildTarget.Target t, VmConfig config) {
        boolean cloudInit = config.values().entrySet().stream()
                .anyMatch(e -> DISK_KEY.matcher(e.getKey()).matches() && e.getValue().contains("cloudinit"));
        String password = writes.guestPassword(t.blueprint().vmId());
        VmSettings settings = VmBuildSettings.forClone(t.blueprint(), password, cloudInit);
        Optional<Upid> task = pve.vms().updateVmConfig(t.node(), t.vmid(),
                new VmConfigUpdate(settings, List.of(), config.digest()));
        return task.map(PveSteps::waitFor).orElseGet(() -> done(t, VmBlueprint.Made.CLONED));
    }

    /** The step's output: the VMID and which path made the guest ({@code clone} or {@code import}). */
    private static StepOutcome done(BuildTarget.Target t, VmBlueprint.Made made) {
        return StepOutcome.done(Map.of("vmid", t.vmid(), "path", made.path()));
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
                : t.blueprint().args() != null
                ? "the VM has QEMU args: PVE sets them only for root@pam, and this node logs in as " + auth.userId()
                : "the VM's architecture is " + t.blueprint().arch() + ": PVE sets arch only for root@pam, and this"
                        + " node logs in as " + auth.userId());
    }

    private void moveToNextVmid(BuildTarget.Target t) {
        long vmId = t.blueprint().vmId();
        long taken = writes.releaseCurrentVmidBinding(vmId).orElseThrow(() -> new IllegalStateException(
                "VM " + vmId + " has no reservation for VMID " + t.vmid()));
        writes.moveTo(vmId, reservations.reserveNextAfterConflict(taken));
    }

    @Override
    public StepOutcome compensate(StepContext context) {
        BuildTarget.Target t = targets.of(context);
        return removal.stillToDo(context, t.pve(), t.blueprint().guestMarker())
                .orElseGet(() -> StepOutcome.done(Map.of("destroyed", true)));
    }
}
