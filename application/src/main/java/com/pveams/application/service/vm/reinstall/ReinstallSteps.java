package com.pveams.application.service.vm.reinstall;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.application.service.vm.lifecycle.VmLifecycleWrites;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.reinstall.DiskLayout;
import com.pveams.domain.vm.reinstall.DiskReplacement;
import com.pveams.domain.vm.reinstall.ReinstallableVm;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reinstall's own steps; the last three ({@code VM_BUILD_*}) are the create's. Each reads PVE first and does
 * only what is missing, so a re-run after a retry or a takeover changes nothing more. The new password is read
 * from the VM row (encrypted, pending) and never put into an output.
 */
public final class ReinstallSteps {
    /** Config changes one disk step run makes at most before it lets the engine call it again. */
    static final int CHANGES_PER_RUN = 4;

    private ReinstallSteps() {
    }

    private static long vmId(StepContext context) {
        return context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM"));
    }

    /**
     * The earlier run's task: still running → wait for it; failed → the step fails, or is tried again when the
     * error is transient ({@link PveSteps#failedTask}); ended well → empty, the caller reads the state.
     */
    private static Optional<StepOutcome> followEarlierTask(PveSteps pve, StepContext context, PveSteps.Target t) {
        if (context.upid().isEmpty()) {
            return Optional.empty();
        }
        Optional<StepOutcome> waiting = pve.stillRunning(context, t);
        if (waiting.isPresent()) {
            return waiting;
        }
        return pve.earlierTaskFailure(context, t);
    }

    /**
     * Nothing to do on the way. Its undo, when a later step failed for good, gives the row back: stopped (1, the
     * VM is stopped or its disk gone), the pending password dropped. The image columns keep the new image: the
     * system disk may already be replaced, and reinstalling again is the way out.
     */
    @Singleton
    public static class Begin implements StepHandler {
        private final VmReinstallWrites writes;

        @Inject
        public Begin(VmReinstallWrites writes) {
            this.writes = writes;
        }

        @Override
        public String kind() {
            return ReinstallableVm.BEGIN;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            return StepOutcome.done();
        }

        @Override
        public StepOutcome compensate(StepContext context) {
            writes.abandon(vmId(context));
            return StepOutcome.done();
        }
    }

    /** Powers the VM off (hard: its disk is about to be replaced) and waits; a stopped VM is left as it is. */
    @Singleton
    public static class Stop implements StepHandler {
        private final PveSteps pve;

        @Inject
        public Stop(PveSteps pve) {
            this.pve = pve;
        }

        @Override
        public String kind() {
            return ReinstallableVm.STOP;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            try {
                PveSteps.Target t = pve.target(context);
                Optional<StepOutcome> earlier = followEarlierTask(pve, context, t);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                VmStatus status = pve.status(t).orElse(null);
                if (status == null) {
                    return StepOutcome.fail("the VM does not exist on PVE");
                }
                if (status.stopped()) {
                    return StepOutcome.done(Map.of("stopped", context.upid().isPresent()));
                }
                return PveSteps.waitFor(pve.vms().power(t.node(), t.vmid(), PowerAction.STOP));
            } catch (HypervisorException e) {
                return PveSteps.outcome(e);
            }
        }
    }

    /**
     * Replaces the disks ({@link DiskReplacement}): detaches the old volumes, imports the image as the new system
     * disk ({@code import-from}, booted first), destroys the detached old volumes by their ids. Each change is
     * computed from the config just read and sent with its digest, so a concurrent change is refused by PVE.
     */
    @Singleton
    public static class Disks implements StepHandler {
        private final PveSteps pve;

        @Inject
        public Disks(PveSteps pve) {
            this.pve = pve;
        }

        @Override
        public String kind() {
            return ReinstallableVm.DISKS;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            try {
                PveSteps.Target t = pve.target(context);
                Optional<StepOutcome> earlier = followEarlierTask(pve, context, t);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                DiskReplacement replacement = ReinstallableVm.diskReplacement(context.params());
                String storage = String.valueOf(context.params().get("storage"));
                for (int change = 0; change < CHANGES_PER_RUN; change++) {
                    VmStatus status = pve.status(t).orElse(null);
                    if (status == null) {
                        return StepOutcome.fail("the VM does not exist on PVE");
                    }
                    if (!status.stopped()) {
                        return StepOutcome.fail("the VM was started on PVE during the reinstall");
                    }
                    VmConfig config = pve.vms().vmConfig(t.node(), t.vmid());
                    DiskLayout now = DiskLayout.of(config.values());
                    VmConfigUpdate update = change(replacement.next(now), config, storage);
                    if (update == null) {
                        return StepOutcome.done(Map.of("systemVolume", now.systemVolume().orElse("")));
                    }
                    Optional<Upid> task = pve.vms().updateVmConfig(t.node(), t.vmid(), update);
                    if (task.isPresent()) {
                        return PveSteps.waitFor(task.get());
                    }
                }
                return StepOutcome.retryLater(null, "more disk changes than expected in one run");
            } catch (HypervisorException e) {
                return PveSteps.outcome(e);
            }
        }

        /** The config change for the next action; null when nothing is left. */
        private static VmConfigUpdate change(DiskReplacement.Action action, VmConfig config, String storage) {
            if (action instanceof DiskReplacement.Detach d) {
                return new VmConfigUpdate(VmSettings.builder().build(), d.slots(), config.digest());
            }
            if (action instanceof DiskReplacement.Destroy d) {
                return new VmConfigUpdate(VmSettings.builder().build(), d.unusedKeys(), config.digest());
            }
            if (action instanceof DiskReplacement.Import i) {
                return new VmConfigUpdate(VmSettings.builder()
                        .disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, storage, i.source()))
                        .bootOrder(List.of(DiskLayout.SYSTEM_SLOT)).build(), List.of(), config.digest());
            }
            return null;
        }
    }

    /**
     * The guest's first boot: {@code ciuser}, {@code ostype}, {@code citype} and, when the request gave one, the
     * new password as {@code cipassword}; then the cloud-init drive is regenerated (one is added when the VM has
     * none). Without a new password the old {@code cipassword} stays (legacy §6.3).
     */
    @Singleton
    public static class CloudInit implements StepHandler {
        private final PveSteps pve;
        private final VmLifecycleWrites passwords;
        private final SecretCipher cipher;

        @Inject
        public CloudInit(PveSteps pve, VmLifecycleWrites passwords, SecretCipher cipher) {
            this.pve = pve;
            this.passwords = passwords;
            this.cipher = cipher;
        }

        @Override
        public String kind() {
            return ReinstallableVm.CLOUDINIT;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            try {
                PveSteps.Target t = pve.target(context);
                Optional<StepOutcome> earlier = followEarlierTask(pve, context, t);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                if (context.upid().isEmpty()) {
                    Optional<Upid> task = pve.vms().updateVmConfig(t.node(), t.vmid(), VmConfigUpdate.of(settings(
                            context, pve.vms().vmConfig(t.node(), t.vmid()))));
                    if (task.isPresent()) {
                        return PveSteps.waitFor(task.get());
                    }
                }
                pve.vms().regenerateCloudInit(t.node(), t.vmid());
                return StepOutcome.done(Map.of("regenerated", true));
            } catch (HypervisorException e) {
                return PveSteps.outcome(e);
            }
        }

        private VmSettings settings(StepContext context, VmConfig config) {
            Map<String, Object> p = context.params();
            VmSettings.Builder s = VmSettings.builder().ciUser(String.valueOf(p.get("username")))
                    .osType(String.valueOf(p.get("ostype"))).ciType(String.valueOf(p.get("citype")));
            passwords.pendingPassword(vmId(context)).map(cipher::decrypt).ifPresent(s::ciPassword);
            if (config.values().values().stream().noneMatch(v -> v.contains("cloudinit"))) {
                freeIdeSlot(config).ifPresent(slot -> s.disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, slot,
                        String.valueOf(p.get("storage")))));
            }
            return s.build();
        }

        private static Optional<Integer> freeIdeSlot(VmConfig config) {
            return java.util.stream.Stream.of(2, 0, 1, 3).filter(i -> config.get("ide" + i).isEmpty()).findFirst();
        }
    }
}
