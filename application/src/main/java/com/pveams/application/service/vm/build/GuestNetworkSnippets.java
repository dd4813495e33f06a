package com.pveams.application.service.vm.build;

import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.StorageInfo;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeSnippets;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import com.pveams.domain.pve.StorageId;
import com.pveams.domain.vm.build.GuestNetworkConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Where a node keeps the cloud-init network files of multi-address VMs, and writing or removing one there: the
 * {@code snippets} directory of a storage of the node that allows snippets and has a directory ({@code local}
 * preferred), reached over the node's SSH login confined to that directory.
 */
@Singleton
public class GuestNetworkSnippets {
    private static final Logger LOG = Logger.getLogger(GuestNetworkSnippets.class.getName());
    private static final String PREFERRED = "local";
    private static final Pattern DIRECTORY = Pattern.compile("/[A-Za-z0-9._/+-]*");

    private final HypervisorNodes pve;
    private final NodeSnippets files;
    private final NodeConnections nodes;

    @Inject
    public GuestNetworkSnippets(HypervisorNodes pve, NodeSnippets files, NodeConnections nodes) {
        this.pve = pve;
        this.files = files;
        this.nodes = nodes;
    }

    /** A storage's snippets directory on the node. */
    public record Place(String storage, String directory) {
        public String volume(int vmid) {
            return storage + ":snippets/" + GuestNetworkConfig.fileName(vmid);
        }
    }

    /** The node's snippets storage with a directory PVE reports, {@code local} first; empty when there is none. */
    public Optional<Place> place(NodeEndpoint node) {
        var candidates = pve.storages(node, Optional.of("snippets")).stream()
                .filter(s -> s.holds("snippets") && s.enabled() && s.active() && StorageId.isValid(s.storage()))
                .map(StorageInfo::storage)
                .sorted(Comparator.comparing((String s) -> !PREFERRED.equals(s)).thenComparing(s -> s))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> paths = pve.storagePaths(node);
        for (String storage : candidates) {
            String path = paths.get(storage);
            if (path != null && DIRECTORY.matcher(path).matches() && !path.contains("..")) {
                String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                return Optional.of(new Place(storage, base + "/snippets"));
            }
        }
        return Optional.empty();
    }

    /** Writes the VM's network file (replacing it: a rebuild writes it again). */
    public void write(NodeAccess node, Place place, int vmid, GuestNetworkConfig config) {
        files.write(confined(node, place), GuestNetworkConfig.fileName(vmid), config.render());
    }

    /** Removes the VM's network file; {@code false} if there was none. */
    public boolean remove(NodeAccess node, Place place, int vmid) {
        return files.delete(confined(node, place), GuestNetworkConfig.fileName(vmid));
    }

    /**
     * After PVE destroyed the guest: removes its network file if the node has one, best effort (a file left behind
     * is harmless and is overwritten by the next VM of that VMID's build). Whether a file was removed.
     */
    public boolean removeAfterDestroy(long nodeId, int vmid) {
        try {
            Optional<NodeAccess> node = nodes.find(nodeId).filter(n -> n.ssh().isPresent() && n.api().isPresent());
            if (node.isEmpty()) {
                return false;
            }
            Optional<Place> place = place(node.get().api().orElseThrow());
            return place.isPresent() && remove(node.get(), place.get(), vmid);
        } catch (HypervisorException | NodeShellException | IllegalStateException e) {
            LOG.log(Level.WARNING, "the network snippet of VM " + vmid + " on node " + nodeId
                    + " could not be removed: " + e.getMessage());
            return false;
        }
    }

    private static NodeSshEndpoint confined(NodeAccess node, Place place) {
        return node.sshIn(place.directory()).orElseThrow(() -> new IllegalStateException("the node has no SSH login"));
    }
}
