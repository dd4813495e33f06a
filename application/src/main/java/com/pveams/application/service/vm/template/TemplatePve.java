package com.pveams.application.service.vm.template;

import com.pveams.application.operation.StepContext;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.HypervisorTasks;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.operation.StepOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/** What the template steps share: the node, the template's VM on PVE, and the task an earlier run started. */
@Singleton
public class TemplatePve {
    /** Why a build step stops when the image was deleted during the build. */
    public static final String ABANDONED = "the image was deleted during the build";
    private final NodeConnections nodes;
    private final HypervisorVms vms;
    private final HypervisorNodes pveNodes;
    private final HypervisorTasks tasks;

    @Inject
    public TemplatePve(NodeConnections nodes, HypervisorVms vms, HypervisorNodes pveNodes, HypervisorTasks tasks) {
        this.nodes = nodes;
        this.vms = vms;
        this.pveNodes = pveNodes;
        this.tasks = tasks;
    }

    public HypervisorVms vms() {
        return vms;
    }

    public HypervisorNodes nodes() {
        return pveNodes;
    }

    public NodeEndpoint node(StepContext context) {
        return nodes.connect(context.nodeId().orElseThrow(() -> new IllegalStateException("operation without a node")))
                .requireApi();
    }

    public static long templateId(StepContext context) {
        return ((Number) context.params().get("templateId")).longValue();
    }

    /** The VM's config, empty when PVE does not know the VM. */
    public Optional<VmConfig> config(NodeEndpoint node, int vmid) {
        try {
            return Optional.of(vms.vmConfig(node, vmid));
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public static boolean isTemplate(VmConfig config) {
        return config.get("template").map("1"::equals).orElse(false);
    }

    /** The earlier run's task when it still runs: wait for it again. */
    public Optional<StepOutcome> stillRunning(StepContext context, NodeEndpoint node) {
        return earlierTask(context, node).filter(TaskStatus::running).map(s -> StepOutcome.waitForTask(s.upid().value()));
    }

    /** The earlier run's task ended without success: what that means for the step ({@link PveSteps#failedTask}). */
    public Optional<StepOutcome> earlierFailure(StepContext context, NodeEndpoint node) {
        return earlierTask(context, node).filter(TaskStatus::failed).map(PveSteps::failedTask);
    }

    private Optional<TaskStatus> earlierTask(StepContext context, NodeEndpoint node) {
        return context.upid().map(u -> tasks.taskStatus(node, new Upid(u)));
    }

    /**
     * One move towards the VM being gone from PVE: done when it is, else the stop or destroy task to wait for.
     * A template cannot run; a half-built VM is never started, but a hand on the node may have.
     */
    public StepOutcome destroy(StepContext context, int vmid) {
        try {
            NodeEndpoint node = node(context);
            Optional<StepOutcome> waiting = stillRunning(context, node);
            if (waiting.isPresent()) {
                return waiting.get();
            }
            Optional<VmConfig> config = config(node, vmid);
            if (config.isEmpty()) {
                return StepOutcome.done(Map.of("destroyed", true));
            }
            Optional<StepOutcome> failed = earlierFailure(context, node);
            if (failed.isPresent()) {
                return failed.get();
            }
            if (!isTemplate(config.get()) && !vms.vmStatus(node, vmid).stopped()) {
                return StepOutcome.waitForTask(vms.power(node, vmid, PowerAction.STOP).value());
            }
            return StepOutcome.waitForTask(vms.deleteVm(node, vmid).value());
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                return StepOutcome.done(Map.of("destroyed", true));
            }
            return outcome(e);
        }
    }

    public static StepOutcome outcome(HypervisorException e) {
        String reason = "PVE " + e.kind() + ": " + e.getMessage();
        return e.retryable() ? StepOutcome.retryLater(null, reason) : StepOutcome.fail(reason);
    }
}
