package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.vm.build.VmBlueprint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Where a build step works: the row's blueprint and its node. The VMID comes from the row, not the operation's
 * parameters: the define step may have moved the VM to another VMID, and reinstall runs the same steps.
 */
@Singleton
public class BuildTarget {
    private final VmBuildWrites writes;
    private final NodeConnections nodes;

    @Inject
    public BuildTarget(VmBuildWrites writes, NodeConnections nodes) {
        this.writes = writes;
        this.nodes = nodes;
    }

    public record Target(VmBlueprint blueprint, NodeEndpoint node) {
        public PveSteps.Target pve() {
            return new PveSteps.Target(blueprint.vmId(), node, blueprint.vmid());
        }

        public int vmid() {
            return blueprint.vmid();
        }
    }

    public Target of(StepContext context) {
        long vmId = context.vmId().orElseThrow(() -> new IllegalStateException("operation without a VM"));
        VmBlueprint bp = writes.blueprint(vmId);
        return new Target(bp, nodes.connect(bp.nodeId()).requireApi());
    }
}
