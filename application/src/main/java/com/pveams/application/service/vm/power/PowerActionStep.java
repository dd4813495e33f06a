package com.pveams.application.service.vm.power;

import com.pveams.application.config.VmPowerPolicy;
import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorTasks;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.ObservedPower;
import com.pveams.domain.vm.PowerTransition;
import com.pveams.domain.vm.VmPowerAction;
import com.pveams.domain.vm.VmPowerAction.PveCall;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The PVE side of a power operation. Reads the VM's state first and does only what is missing (starting a running
 * VM is done at once), so a retry or a takeover repeats nothing; with a recorded UPID it looks at that task
 * instead. Once PVE did it, the stored status moves from the transitional one to the settled one.
 *
 * <p>A reboot cannot be told apart from "not rebooted yet" by the VM's state: a worker killed after PVE accepted it
 * but before the UPID was recorded makes the takeover reboot once more.
 */
@Singleton
public class PowerActionStep implements StepHandler {
    private static final Duration LOCKED_RETRY = Duration.ofSeconds(5);

    private final VmPowerTransactions tx;
    private final PveSteps pve;
    private final HypervisorVms vms;
    private final HypervisorTasks tasks;
    private final VmPowerPolicy policy;

    @Inject
    public PowerActionStep(VmPowerTransactions tx, PveSteps pve, HypervisorTasks tasks, VmPowerPolicy policy) {
        this.tx = tx;
        this.pve = pve;
        this.vms = pve.vms();
        this.tasks = tasks;
        this.policy = policy;
    }

    @Override
    public String kind() {
        return VmPowerTransactions.ACTION;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        PowerTransition t = PowerTransition.fromParams(context.params());
        try {
            PveSteps.Target target = pve.target(context);
            long vmId = target.vmId();
            int vmid = target.vmid();
            NodeEndpoint node = target.node();
            if (context.upid().isPresent()) {
                Upid upid = new Upid(context.upid().get());
                TaskStatus task = tasks.taskStatus(node, upid);
                if (task.running()) {
                    return StepOutcome.waitForTask(upid.value());
                }
                if (task.succeeded() || task.succeededWithWarnings()) {
                    return settled(t, vmId, upid.type());
                }
                // a failed task is still done when PVE is where we wanted it (e.g. started meanwhile)
                if (t.action() != VmPowerAction.REBOOT && t.action().nextCall(observe(node, vmid)).isEmpty()) {
                    return settled(t, vmId, upid.type());
                }
                // lock contention is tried again with a new task; any other error fails the action with it
                return PveSteps.failedTask(task);
            }
            ObservedPower now = observe(node, vmid);
            if (now.busy()) {
                return StepOutcome.retryLater(LOCKED_RETRY, "VM " + vmid + " is locked (" + now.lock() + ")");
            }
            Optional<PveCall> call = t.action().nextCall(now);
            if (call.isEmpty()) {
                return settled(t, vmId, "none");
            }
            return StepOutcome.waitForTask(send(node, vmid, call.get()).value());
        } catch (HypervisorException e) {
            return PveSteps.outcome(e);
        }
    }

    private ObservedPower observe(NodeEndpoint node, int vmid) {
        VmStatus s = vms.vmStatus(node, vmid);
        return new ObservedPower(s.running(), s.paused(), s.lock());
    }

    private Upid send(NodeEndpoint node, int vmid, PveCall call) {
        return switch (call) {
            case START -> vms.power(node, vmid, PowerAction.START);
            case RESUME -> vms.power(node, vmid, PowerAction.RESUME);
            case REBOOT -> vms.power(node, vmid, PowerAction.REBOOT);
            case FORCED_STOP -> vms.power(node, vmid, PowerAction.STOP);
            case HIBERNATE -> vms.power(node, vmid, PowerAction.HIBERNATE);
            case GRACEFUL_SHUTDOWN -> vms.shutdown(node, vmid, (int) policy.gracefulShutdown().toSeconds(), true);
        };
    }

    private StepOutcome settled(PowerTransition t, long vmId, String pveTask) {
        boolean written = tx.settle(vmId, t.transitional(), t.settled());
        return StepOutcome.done(Map.of("pveTask", pveTask, "status", t.settled().code(), "statusWritten", written));
    }
}
