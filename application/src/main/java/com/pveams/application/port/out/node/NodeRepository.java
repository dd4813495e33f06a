package com.pveams.application.port.out.node;

import com.pveams.domain.node.HostAddress;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.PveNodeName;
import com.pveams.domain.node.ShellState;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Nodes at rest: the aggregate plus its encrypted secrets. Callers run every method inside a transaction. */
public interface NodeRepository {

    /** A node with its secrets as stored (ciphertext) and the id of its NAT pool, if it has one. */
    record StoredNode(Node node, byte[] apiSecret, byte[] sshSecret, Long natPoolId) {
    }

    /** Inserts the node unless its name or PVE endpoint is taken (then empty: nothing was written). */
    Optional<Long> insert(Node node, byte[] apiSecret, byte[] sshSecret);

    Optional<StoredNode> findById(long id);

    /** The existing nodes among {@code ids}, in one read. */
    List<StoredNode> findByIds(java.util.Collection<Long> ids);

    /** Newest first; only the nodes of {@code regionId} when given. */
    Page<StoredNode> page(PageRequest request, Optional<Long> regionId);

    long count();

    /** Nodes the monitor checks: every node not disabled by an admin. */
    List<StoredNode> monitored();

    boolean nameTaken(String name, Long exceptId);

    boolean endpointTaken(HostAddress host, int apiPort, PveNodeName pveNodeName, Long exceptId);

    /**
     * Writes the node's settings if its row is still as it was read ({@code node.updatedAt()}); a null secret
     * keeps the stored one; the status is written only if {@code writeState}. False if the row changed meanwhile
     * (nothing was written).
     */
    boolean update(Node node, byte[] apiSecret, byte[] sshSecret, boolean writeState, Instant now);

    /** The monitor's verdict; never touches a node an admin disabled meanwhile. */
    void recordHealth(long id, NodeState state, ShellState shellState);

    void moveToRegion(long nodeId, Long regionId, Instant now);

    /** VMs that still exist on the node: live or in the recycle bin (purged ones are only statistics). */
    long existingVmCount(long nodeId);

    /** Operations on the node that have not finished. */
    long activeOperationCount(long nodeId);

    /** Unbinds purged VMs, removes the node's (free) addresses and pools, then the node; false if it was gone. */
    boolean delete(long nodeId);

    /** Whether the pool exists and belongs to the node. */
    boolean poolOfNode(long poolId, long nodeId);

    /** Makes {@code poolId} (a pool of the node) the node's NAT pool, or clears it when null. */
    void useNatPool(long nodeId, Long poolId);
}
