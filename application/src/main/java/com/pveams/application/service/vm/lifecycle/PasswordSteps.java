package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.ManagedVm;
import com.pveams.domain.vm.PasswordResetMethod;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * The steps of a guest password reset. The new password is read from the VM row (encrypted, pending) by the steps
 * that need it and never put into an output.
 */
public final class PasswordSteps {
    /** How long a running guest gets to shut down before it is powered off, on the cloud-init way. */
    static final int SHUTDOWN_SECONDS = 60;

    private PasswordSteps() {
    }

    private static long vmId(StepContext context) {
        return context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM"));
    }

    private static String pending(VmLifecycleWrites writes, SecretCipher cipher, StepContext context) {
        return writes.pendingPassword(vmId(context)).map(cipher::decrypt)
                .orElseThrow(() -> new IllegalStateException("no new password waits in the VM row"));
    }

    /** Nothing to do on the way; its undo drops the pending password when a later step failed for good. */
    @Singleton
    public static class Prepare implements StepHandler {
        private final VmLifecycleWrites writes;

        @Inject
        public Prepare(VmLifecycleWrites writes) {
            this.writes = writes;
        }

        @Override
        public String kind() {
            return ManagedVm.PASSWORD_PREPARE;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            return StepOutcome.done();
        }

        @Override
        public StepOutcome compensate(StepContext context) {
            writes.dropPendingPassword(vmId(context));
            return StepOutcome.done();
        }
    }

    /** {@code set-user-password} through the guest agent; setting the same password twice is harmless. */
    @Singleton
    public static class Agent implements StepHandler {
        private final PveSteps pve;
        private final VmLifecycleWrites writes;
        private final SecretCipher cipher;

        @Inject
        public Agent(PveSteps pve, VmLifecycleWrites writes, SecretCipher cipher) {
            this.pve = pve;
            this.writes = writes;
            this.cipher = cipher;
        }

        @Override
        public String kind() {
            return ManagedVm.PASSWORD_AGENT;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            try {
                PveSteps.Target t = pve.target(context);
                pve.vms().agentSetUserPassword(t.node(), t.vmid(), String.valueOf(context.params().get("username")),
                        pending(writes, cipher, context));
                return StepOutcome.done();
            } catch (HypervisorException e) {
                // an agent that stopped answering (guest rebooting) may answer again: try later
                return e.kind() == HypervisorException.Kind.CONFLICT || e.retryable()
                        ? StepOutcome.retryLater(null, "the guest agent did not take the password: " + e.kind())
                        : PveSteps.outcome(e);
            }
        }
    }

    /**
     * Sets {@code cipassword}. On the cloud-init way it also regenerates the cloud-init drive, which the guest reads
     * at its next boot; on the agent way the password is already in the guest and the config only keeps it.
     */
    @Singleton
    public static class CloudInit implements StepHandler {
        private final PveSteps pve;
        private final VmLifecycleWrites writes;
        private final SecretCipher cipher;

        @Inject
        public CloudInit(PveSteps pve, VmLifecycleWrites writes, SecretCipher cipher) {
            this.pve = pve;
            this.writes = writes;
            this.cipher = cipher;
        }

        @Override
        public String kind() {
            return ManagedVm.PASSWORD_CLOUDINIT;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            try {
                PveSteps.Target t = pve.target(context);
                if (context.upid().isPresent()) {
                    Optional<StepOutcome> waiting = pve.stillRunning(context, t);
                    if (waiting.isPresent()) {
                        return waiting.get();
                    }
                    Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t);
                    if (failed.isPresent()) {
                        return failed.get();
                    }
                } else {
                    Optional<Upid> task = pve.vms().updateVmConfig(t.node(), t.vmid(), VmConfigUpdate.of(
                            VmSettings.builder().ciPassword(pending(writes, cipher, context)).build()));
                    if (task.isPresent()) {
                        return PveSteps.waitFor(task.get());
                    }
                }
                boolean cloudInitWay = PasswordResetMethod.CLOUD_INIT.wireName().equals(context.params().get("method"));
                if (cloudInitWay) {
                    pve.vms().regenerateCloudInit(t.node(), t.vmid());
                }
                return StepOutcome.done(Map.of("regenerated", cloudInitWay));
            } catch (HypervisorException e) {
                return PveSteps.outcome(e);
            }
        }
    }

    /**
     * Shuts a running VM down (powered off after {@link #SHUTDOWN_SECONDS}) so that it boots with the new cloud-init
     * drive. A stopped VM stays stopped and gets the password at its next start.
     */
    @Singleton
    public static class Shutdown implements StepHandler {
        private final PveSteps pve;

        @Inject
        public Shutdown(PveSteps pve) {
            this.pve = pve;
        }

        @Override
        public String kind() {
            return ManagedVm.PASSWORD_SHUTDOWN;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            try {
                PveSteps.Target t = pve.target(context);
                Optional<StepOutcome> waiting = pve.stillRunning(context, t);
                if (waiting.isPresent()) {
                    return waiting.get();
                }
                // a task of an earlier run means the VM was running when this step began
                boolean startedHere = context.upid().isPresent();
                VmStatus status = pve.status(t).orElse(null);
                if (status == null) {
                    return StepOutcome.fail("the VM does not exist on PVE");
                }
                if (status.stopped()) {
                    return StepOutcome.done(Map.of("wasRunning", startedHere));
                }
                Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t);
                if (failed.isPresent()) {
                    return failed.get();
                }
                return PveSteps.waitFor(pve.vms().shutdown(t.node(), t.vmid(), SHUTDOWN_SECONDS, true));
            } catch (HypervisorException e) {
                return PveSteps.outcome(e);
            }
        }
    }

    /** Starts the VM again if the shutdown step stopped it. */
    @Singleton
    public static class Start implements StepHandler {
        private final PveSteps pve;

        @Inject
        public Start(PveSteps pve) {
            this.pve = pve;
        }

        @Override
        public String kind() {
            return ManagedVm.PASSWORD_START;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            boolean wasRunning = context.outputOf(ManagedVm.PASSWORD_SHUTDOWN)
                    .map(o -> Boolean.TRUE.equals(o.get("wasRunning"))).orElse(false);
            if (!wasRunning) {
                return StepOutcome.done(Map.of("started", false));
            }
            try {
                PveSteps.Target t = pve.target(context);
                Optional<StepOutcome> waiting = pve.stillRunning(context, t);
                if (waiting.isPresent()) {
                    return waiting.get();
                }
                VmStatus status = pve.status(t).orElse(null);
                if (status == null) {
                    return StepOutcome.fail("the VM does not exist on PVE");
                }
                if (status.running()) {
                    return StepOutcome.done(Map.of("started", true));
                }
                Optional<StepOutcome> failed = pve.earlierTaskFailure(context, t);
                if (failed.isPresent()) {
                    return failed.get();
                }
                return PveSteps.waitFor(pve.vms().power(t.node(), t.vmid(), PowerAction.START));
            } catch (HypervisorException e) {
                return PveSteps.outcome(e);
            }
        }
    }

    /** The pending password becomes the guest password (the admin VM page shows it); a re-run finds nothing to move. */
    @Singleton
    public static class Commit implements StepHandler {
        private final VmLifecycleWrites writes;

        @Inject
        public Commit(VmLifecycleWrites writes) {
            this.writes = writes;
        }

        @Override
        public String kind() {
            return ManagedVm.PASSWORD_COMMIT;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            writes.commitPassword(vmId(context));
            return StepOutcome.done();
        }
    }
}
