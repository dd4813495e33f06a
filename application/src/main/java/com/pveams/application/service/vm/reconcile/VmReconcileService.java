package com.pveams.application.service.vm.reconcile;

import com.pveams.application.port.in.vm.ReconcileVmsUseCase;
import com.pveams.application.port.out.hypervisor.ClusterResource;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.out.vm.ReconcileMetrics;
import com.pveams.domain.vm.DriftObservation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reconciliation run: per PVE cluster (nodes sharing a {@code vmidSpace}), one listing of its guests
 * ({@code /cluster/resources?type=vm} answers for the whole cluster; read outside any transaction) through its first
 * online node, or the next one when that fails; then, per node, one short transaction comparing the guests PVE
 * places on it (their {@code node} field) with the node's rows ({@link VmReconcileTransactions}). A node that cannot
 * be asked (offline, unreadable secret, its cluster not answering) is skipped: its rows stay as they are, since
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
        Map<Long, List<DriftObservation>> listings = listings(nodeIds);
        int skipped = 0;
        int corrected = 0;
        int drifting = 0;
        int unknown = 0;
        for (long nodeId : nodeIds) {
            Optional<List<DriftObservation>> listing = Optional.ofNullable(listings.get(nodeId));
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

    /** The guests PVE places on each node that could be asked, by node id; nodes left out are skipped. */
    private Map<Long, List<DriftObservation>> listings(List<Long> nodeIds) {
        Map<Long, NodeAccess> found = connections.findAll(nodeIds);
        Map<String, List<NodeAccess>> clusters = new LinkedHashMap<>();
        for (long nodeId : nodeIds) {
            NodeAccess a = found.get(nodeId);
            if (a != null && a.online() && a.api().isPresent()) {
                clusters.computeIfAbsent(a.vmidSpace(), k -> new ArrayList<>()).add(a);
            }
        }
        Map<Long, List<DriftObservation>> out = new HashMap<>();
        clusters.forEach((space, members) -> clusterGuests(space, members).ifPresent(guests -> {
            for (NodeAccess member : members) {
                String pveNode = member.api().get().nodeName();
                out.put(member.nodeId(), guests.stream().filter(r -> pveNode.equals(r.node()))
                        .map(r -> new DriftObservation(r.vmid(), r.name(), r.status(), r.maxmem(), (int) r.maxcpu()))
                        .toList());
            }
        }));
        return out;
    }

    /** The cluster's guests, asked of its members in turn until one answers; empty when none does. */
    private Optional<List<ClusterResource>> clusterGuests(String space, List<NodeAccess> members) {
        for (NodeAccess member : members) {
            try {
                return Optional.of(pve.clusterResources(member.api().get(), Optional.of(ClusterResource.Kind.VM))
                        .stream().filter(r -> "qemu".equals(r.type()) && !r.template() && r.vmid() != null).toList());
            } catch (RuntimeException e) { // HypervisorException mostly; one member failing only moves to the next
                LOG.log(System.Logger.Level.WARNING, "Reconciliation: " + space + " could not be read through node "
                        + member.nodeId() + " (" + member.name() + "): " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
