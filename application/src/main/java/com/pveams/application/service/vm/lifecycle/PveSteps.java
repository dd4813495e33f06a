package com.pveams.application.service.vm.lifecycle;

import com.pveams.application.operation.StepContext;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorTasks;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TaskExit;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.domain.operation.StepOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/** What the lifecycle step handlers share: reaching the VM on its node and following a PVE task of an earlier run. */
@Singleton
public class PveSteps {
    private final NodeConnections nodes;
    private final HypervisorVms vms;
    private final HypervisorTasks tasks;

    @Inject
    public PveSteps(NodeConnections nodes, HypervisorVms vms, HypervisorTasks tasks) {
        this.nodes = nodes;
        this.vms = vms;
        this.tasks = tasks;
    }

    /** The VM a step works on: its node's endpoint and PVE vmid. */
    public record Target(long vmId, NodeEndpoint node, int vmid) {
    }

    public Target target(StepContext context) {
        long nodeId = context.nodeId().orElseThrow(() -> new IllegalStateException("operation without a node"));
        long vmId = context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM"));
        int vmid = ((Number) context.params().get("vmid")).intValue();
        return new Target(vmId, nodes.connect(nodeId).requireApi(), vmid);
    }

    public HypervisorVms vms() {
        return vms;
    }

    /** PVE's state of the VM; empty when PVE does not know it (destroyed, or never there). */
    public Optional<VmStatus> status(Target t) {
        try {
            return Optional.of(vms.vmStatus(t.node(), t.vmid()));
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The task an earlier run of this step started: still running → wait for it again; ended → empty with the
     * caller re-reading the VM (the task's effect decides, not its exit status alone).
     */
    public Optional<StepOutcome> stillRunning(StepContext context, Target t) {
        return earlierTask(context, t).filter(TaskStatus::running)
                .map(s -> StepOutcome.waitForTask(s.upid().value()));
    }

    /** The earlier run's task ended without success: what that means for the step ({@link #failedTask}). */
    public Optional<StepOutcome> earlierTaskFailure(StepContext context, Target t) {
        return earlierTask(context, t).filter(TaskStatus::failed).map(PveSteps::failedTask);
    }

    /**
     * A task that stopped with an error: the step fails with the task's error as the reason (and the operation's done
     * steps are undone), unless {@link TaskExit} calls the error transient (lock contention), which is tried again.
     */
    public static StepOutcome failedTask(TaskStatus task) {
        String reason = "the PVE task " + task.upid().value() + " ended with " + task.exitStatus();
        return task.exit().transientFailure() ? StepOutcome.retryLater(null, reason) : StepOutcome.fail(reason);
    }

    private Optional<TaskStatus> earlierTask(StepContext context, Target t) {
        return context.upid().map(u -> tasks.taskStatus(t.node(), new Upid(u)));
    }

    /** Waits for a task just started. */
    public static StepOutcome waitFor(Upid upid) {
        return StepOutcome.waitForTask(upid.value());
    }

    /**
     * A failure PVE will not get over by itself fails the step; the others are tried again later
     * ({@link HypervisorException#retryable()}, which for a failed task follows {@link TaskExit}).
     */
    public static StepOutcome outcome(HypervisorException e) {
        String reason = "PVE " + e.kind() + ": " + e.getMessage();
        return e.retryable() ? StepOutcome.retryLater(null, reason) : StepOutcome.fail(reason);
    }
}
