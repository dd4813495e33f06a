package com.pveams.application.service.vm.reconcile;

import com.pveams.application.port.in.vm.ReconcileVmsUseCase;
import com.pveams.application.port.out.hypervisor.ClusterResource;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.out.vm.ReconcileMetrics;
import com.pveams.domain.vm.DriftObservation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The reconciliation run: per node, one listing of PVE's guests ({@code /cluster/resources?type=vm}, read outside
 * any transaction), then one short transaction comparing it with the node's rows
 * ({@link VmReconcileTransactions}). A node that cannot be asked is skipped: its rows stay as they are, since
 * "no answer" says nothing about its VMs.
 */
@Singleton
public class VmReconcileService implements ReconcileVmsUseCase {
    private static final System.Logger LOG = System.getLogger(VmReconcileService.class.getName());

    private final VmReconcileTransactions transactions;
    private final NodeConnections connections;
    private final HypervisorNodes pve;
    private final ReconcileMetrics metrics;

    @Inject
    public VmReconcileService(VmReconcileTransactions transactions, NodeConnections connections, HypervisorNodes pve,
                              ReconcileMetrics metrics) {
        this.transactions = transactions;
        this.connections = connections;
        this.pve = pve;
        this.metrics = metrics;
    }

    @Override
    public Report reconcileAll() {
        try {
            Report report = run();
            metrics.runFinished(report.skippedNodes() == 0 ? "complete" : "partial");
            return report;
        } catch (RuntimeException e) {
            metrics.runFinished("failed");
            throw e;
        }
    }

    private Report run() {
        List<Long> nodeIds = transactions.nodeIds();
        int skipped = 0;
        int corrected = 0;
        int drifting = 0;
        int unknown = 0;
        for (long nodeId : nodeIds) {
            Optional<List<DriftObservation>> listing = listing(nodeId);
            if (listing.isEmpty()) {
                skipped++;
                metrics.nodeSkipped();
                continue;
            }
            VmReconcileTransactions.NodeResult r = transactions.reconcileNode(nodeId, listing.get());
            corrected += r.statusesCorrected();
            drifting += r.drifting();
            unknown += r.unknownVmids().size();
            if (!r.unknownVmids().isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "Reconciliation: node " + nodeId + " has guests no VM row knows: "
                        + r.unknownVmids());
            }
        }
        metrics.drifting(transactions.driftCounts());
        metrics.unknownGuests(unknown);
        return new Report(nodeIds.size(), skipped, corrected, drifting, unknown);
    }

    /** The node's guests as PVE lists them, or empty when the node cannot be asked now. */
    private Optional<List<DriftObservation>> listing(long nodeId) {
        Optional<NodeAccess> access = connections.find(nodeId);
        if (access.isEmpty() || !access.get().online() || access.get().api().isEmpty()) {
            return Optional.empty();
        }
        NodeEndpoint api = access.get().api().get();
        try {
            // one call per node; in a cluster PVE lists every member's guests, so keep this node's own
            return Optional.of(pve.clusterResources(api, Optional.of(ClusterResource.Kind.VM)).stream()
                    .filter(r -> "qemu".equals(r.type()) && !r.template() && r.vmid() != null)
                    .filter(r -> api.nodeName().equals(r.node()))
                    .map(r -> new DriftObservation(r.vmid(), r.name(), r.status(), r.maxmem(), (int) r.maxcpu()))
                    .toList());
        } catch (RuntimeException e) { // HypervisorException mostly; any failure of one node only skips it
            LOG.log(System.Logger.Level.WARNING, "Reconciliation: node " + nodeId + " (" + access.get().name()
                    + ") skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
