package com.pveams.application.port.out.hypervisor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One VM on one PVE node. Calls that start a PVE task return its {@link Upid}; wait for it with
 * {@link HypervisorTasks#awaitTask}. All calls may throw {@link HypervisorException}.
 */
public interface HypervisorVms {

    /** Creates the VM. An existing vmid fails with {@link HypervisorException.Kind#CONFLICT}. */
    Upid createVm(NodeEndpoint node, VmCreateSpec spec);

    VmConfig vmConfig(NodeEndpoint node, int vmid);

    /**
     * Changes the config asynchronously ({@code POST …/config}); returns the task when PVE started one (e.g. disk
     * allocation), empty when the change was applied at once.
     */
    Optional<Upid> updateVmConfig(NodeEndpoint node, int vmid, VmConfigUpdate update);

    /** Destroys the VM, its disks and its references (purge, destroy unreferenced disks). */
    Upid deleteVm(NodeEndpoint node, int vmid);

    VmStatus vmStatus(NodeEndpoint node, int vmid);

    /**
     * {@code GET …/status/current} as PVE sent it: a JSON tree of maps, lists, strings, numbers and booleans. The
     * legacy API passes it through to clients as {@code current.data}, which read PVE's own field names
     * ({@code blockstat}, {@code nics}, {@code ballooninfo} …) that {@link VmStatus} does not model.
     */
    Map<String, Object> vmStatusFields(NodeEndpoint node, int vmid);

    Upid power(NodeEndpoint node, int vmid, PowerAction action);

    /** Graceful shutdown that powers off after {@code timeoutSeconds} if the guest does not react. */
    Upid shutdown(NodeEndpoint node, int vmid, int timeoutSeconds, boolean forceStopAfterTimeout);

    /** Resizes a disk; PVE returns a task. */
    Upid resizeDisk(NodeEndpoint node, int vmid, DiskResize resize);

    List<RrdPoint> vmRrd(NodeEndpoint node, int vmid, RrdTimeframe timeframe, RrdConsolidation cf);

    /** Opens a VNC proxy for a websocket console ({@code websocket=1}). */
    VncProxy vncProxy(NodeEndpoint node, int vmid);

    /** Regenerates the cloud-init drive from the current config ({@code PUT …/cloudinit}). */
    void regenerateCloudInit(NodeEndpoint node, int vmid);

    /** True if the guest agent answers; false if it is not running/configured. */
    boolean agentPing(NodeEndpoint node, int vmid);

    /** Sets a user's password inside the guest through the guest agent. */
    void agentSetUserPassword(NodeEndpoint node, int vmid, String username, String password);

    List<Snapshot> snapshots(NodeEndpoint node, int vmid);

    Upid deleteSnapshot(NodeEndpoint node, int vmid, String snapshotName);

    /**
     * Clones {@code sourceVmid} (a template, for linked clones) into {@code spec.newVmid()} on the same node. An
     * existing new id fails with {@link HypervisorException.Kind#CONFLICT}; a linked clone on a storage without
     * clone support is refused by PVE.
     */
    Upid cloneVm(NodeEndpoint node, int sourceVmid, CloneSpec spec);

    /** Turns a stopped VM into a template ({@code POST …/template}): its disks become base volumes; PVE runs a task. */
    Upid convertToTemplate(NodeEndpoint node, int vmid);
}
