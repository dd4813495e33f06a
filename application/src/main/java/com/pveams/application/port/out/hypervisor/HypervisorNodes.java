package com.pveams.application.port.out.hypervisor;

import java.util.List;
import java.util.Optional;

/** Node- and cluster-level PVE reads and storage downloads. All calls may throw {@link HypervisorException}. */
public interface HypervisorNodes {

    NodeStatus nodeStatus(NodeEndpoint node);

    List<RrdPoint> nodeRrd(NodeEndpoint node, RrdTimeframe timeframe, RrdConsolidation cf);

    List<NetworkInterface> networkInterfaces(NodeEndpoint node);

    /** Storages of the node, optionally only those holding {@code contentType} (images, iso, import, ...). */
    List<StorageInfo> storages(NodeEndpoint node, Optional<String> contentType);

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
}
