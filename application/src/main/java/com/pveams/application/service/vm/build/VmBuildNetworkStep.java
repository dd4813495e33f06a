package com.pveams.application.service.vm.build;

import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.service.vm.lifecycle.PveSteps;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.GuestNetworkConfig;
import com.pveams.domain.vm.build.ProvisioningPlan;
import com.pveams.domain.vm.build.VmBlueprint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a Linux guest every address its VM holds: when the row has more than {@code ipconfig0} carries, the
 * cloud-init network file ({@link GuestNetworkConfig}, the NIC matched by the MAC PVE gave {@code net0}) is written to
 * the node's snippets storage over SSH and the VM gets {@code cicustom=network=<storage>:snippets/<file>}. Written
 * again on every run (a reinstall rebuilds it); SSH failures that may pass are retried.
 *
 * <p>A Windows guest, a node without SSH login and a node without a snippets storage keep the primary address only:
 * the step says so in its output instead of failing the build. A {@code cicustom} of ours left from an earlier build
 * that no longer needs it is removed, so the guest does not read a stale file.
 */
@Singleton
public class VmBuildNetworkStep implements StepHandler {
    private final BuildTarget targets;
    private final PveSteps pve;
    private final NodeConnections nodes;
    private final GuestNetworkSnippets snippets;

    @Inject
    public VmBuildNetworkStep(BuildTarget targets, PveSteps pve, NodeConnections nodes, GuestNetworkSnippets snippets) {
        this.targets = targets;
        this.pve = pve;
        this.nodes = nodes;
        this.snippets = snippets;
    }

    @Override
    public String kind() {
        return ProvisioningPlan.NETWORK;
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
            VmBlueprint bp = t.blueprint();
            if (!bp.hasExtraAddresses()) {
                return primaryOnly(t, "none", null);
            }
            if (!"linux".equals(bp.osType())) {
                return primaryOnly(t, "skipped", "not a Linux guest: only the primary address (ipconfig0) is configured");
            }
            NodeAccess node = nodes.connect(bp.nodeId());
            if (node.ssh().isEmpty()) {
                return primaryOnly(t, "skipped",
                        "the node has no SSH login: only the primary address (ipconfig0) is configured");
            }
            Optional<GuestNetworkSnippets.Place> place = snippets.place(t.node());
            if (place.isEmpty()) {
                return primaryOnly(t, "skipped", "no storage of the node allows snippets with a directory: only the "
                        + "primary address (ipconfig0) is configured");
            }
            VmConfig config = pve.vms().vmConfig(t.node(), t.vmid());
            Optional<String> mac = GuestNetworkConfig.macOf(config.get("net0").orElse(null));
            if (mac.isEmpty()) {
                return StepOutcome.fail("net0 of the guest " + t.vmid() + " has no MAC address to match");
            }
            GuestNetworkConfig network = bp.guestNetwork(mac.get()).orElseThrow();
            snippets.write(node, place.get(), bp.vmid(), network);
            String cicustom = GuestNetworkConfig.cicustom(place.get().storage(), bp.vmid());
            if (!cicustom.equals(config.get("cicustom").orElse(null))) {
                Optional<Upid> task = pve.vms().updateVmConfig(t.node(), t.vmid(),
                        VmConfigUpdate.of(VmSettings.builder().ciCustom(cicustom).build()));
                if (task.isPresent()) {
                    return PveSteps.waitFor(task.get());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("snippet", place.get().volume(bp.vmid()));
            out.put("addresses", network.addresses().size());
            return StepOutcome.done(out);
        } catch (HypervisorException e) {
            return PveSteps.outcome(e);
        } catch (NodeShellException e) {
            String reason = "writing the network snippet over SSH: " + e.kind() + ": " + e.getMessage();
            return e.kind().retryable() ? StepOutcome.retryLater(null, reason) : StepOutcome.fail(reason);
        }
    }

    /** Done with the primary address only; a {@code cicustom} of ours from an earlier build goes. */
    private StepOutcome primaryOnly(BuildTarget.Target t, String snippet, String reason) {
        VmConfig config = pve.vms().vmConfig(t.node(), t.vmid());
        String ours = ":snippets/" + GuestNetworkConfig.fileName(t.vmid());
        if (config.get("cicustom").filter(v -> v.contains(ours)).isPresent()) {
            Optional<Upid> task = pve.vms().updateVmConfig(t.node(), t.vmid(),
                    new VmConfigUpdate(VmSettings.builder().build(), List.of("cicustom"), null));
            if (task.isPresent()) {
                return PveSteps.waitFor(task.get());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("snippet", snippet);
        if (reason != null) {
            out.put("reason", reason);
        }
        return StepOutcome.done(out);
    }
}
