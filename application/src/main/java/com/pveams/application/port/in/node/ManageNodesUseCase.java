package com.pveams.application.port.in.node;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** Registering, listing, editing and removing PVE nodes (节点池管理), and binding them to regions. */
public interface ManageNodesUseCase {

    /**
     * Checks the node (TLS certificate probed and pinned, PVE login, node name, cluster, SSH login and host key)
     * and saves it only if every check passed. A failed check saves nothing and names the part that failed.
     */
    NodeView register(RegisterNodeCommand command);

    Page<NodeView> list(PageRequest request);

    /** The nodes of one region; the region must exist. */
    Page<NodeView> listByRegion(long regionId, PageRequest request);

    long count();

    /** Saves an edit; changed connection settings or secrets are checked against the node first. */
    NodeView update(UpdateNodeCommand command);

    /** Removes a node that no longer has VMs (1025 otherwise). */
    void delete(long nodeId);

    void moveToRegion(long nodeId, long regionId);

    /**
     * Trusts the certificate the node presents now, after a deliberate change (reinstall, new certificate); when
     * {@code expectedFingerprint} is given the node must present exactly that one. The PVE login is checked with
     * the new pin before it is saved.
     */
    NodeView repinCertificate(long nodeId, String expectedFingerprint);

    /** Trusts the SSH host key the node presents now; the SSH login is checked with it before it is saved. */
    NodeView repinHostKey(long nodeId, String expectedFingerprint);
}
