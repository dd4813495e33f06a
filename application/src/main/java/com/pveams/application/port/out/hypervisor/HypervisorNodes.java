package com.pveams.application.port.out.hypervisor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Node- and cluster-level PVE reads and storage downloads. All calls may throw {@link HypervisorException}. */
public interface HypervisorNodes {

    NodeStatus nodeStatus(NodeEndpoint node);

    List<RrdPoint> nodeRrd(NodeEndpoint node, RrdTimeframe timeframe, RrdConsolidation cf);

    List<NetworkInterface> networkInterfaces(NodeEndpoint node);

    /** Storages of the node, optionally only those holding {@code contentType} (images, iso, import, ...). */
    List<StorageInfo> storages(NodeEndpoint node, Optional<String> contentType);

    /** {@code GET /nodes/{node}/storage/{storage}/status}: one storage, with its type (which decides clone support). */
    StorageInfo storageStatus(NodeEndpoint node, String storage);

    /**
     * {@code GET /storage}: the directory of each storage that has one (dir, nfs, cifs…), by storage id. PVE lists
     * only the storages the login may audit.
     */
    Map<String, String> storagePaths(NodeEndpoint node);

    /** Volumes on a storage, optionally filtered by content type and owning VM. */
    List<StorageContent> storageContent(NodeEndpoint node, String storage, Optional<String> contentType,
                                        Optional<Integer> vmid);

    /** Starts a download into a storage; returns the task to wait for. */
    Upid downloadUrl(NodeEndpoint node, DownloadUrlRequest request);

    /**
     * The next VM id PVE considers free. Only a hint: a concurrent create may take it, so creation must handle
     * {@link HypervisorException.Kind#CONFLICT} and try again.
     */
    int nextFreeVmid(NodeEndpoint node);

    /** True if PVE reports this id as free in the cluster ({@code GET /cluster/nextid?vmid=}). */
    boolean isVmidFree(NodeEndpoint node, int vmid);

    List<ClusterResource> clusterResources(NodeEndpoint node, Optional<ClusterResource.Kind> kind);

    /** {@code GET /version}: which PVE the node runs (any authenticated user may read it: a cheap login check). */
    PveVersion version(NodeEndpoint node);

    /** {@code GET /nodes}: the names of the nodes the answering node knows (itself, or its whole cluster). */
    List<String> nodeNames(NodeEndpoint node);

    /** {@code GET /cluster/status}: the cluster the node belongs to, if any, and its members. */
    ClusterStatus clusterStatus(NodeEndpoint node);

    /** {@code GET /nodes/{node}/status} with every field the admin UI shows. */
    NodeStatusDetails nodeStatusDetails(NodeEndpoint node);
}
