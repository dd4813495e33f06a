package com.pveams.application.service.node;

import com.pveams.application.port.out.node.NodeRegions;
import com.pveams.application.port.out.node.NodeRepository;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.ShellState;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The database side of node use cases, one short transaction per method. Node services talk to the nodes
 * themselves (seconds, possibly) between these calls, so no transaction or pooled connection is held while
 * waiting on the network; a write re-checks what it depends on and refuses a row changed meanwhile.
 */
@Singleton
public class NodeStore {
    private final NodeRepository nodes;
    private final NodeRegions regions;
    private final Clock clock;

    @Inject
    public NodeStore(NodeRepository nodes, NodeRegions regions, Clock clock) {
        this.nodes = nodes;
        this.regions = regions;
        this.clock = clock;
    }

    @Transactional
    public StoredNode load(long id) {
        return nodes.findById(id).orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_EXIST));
    }

    @Transactional
    public Optional<StoredNode> find(long id) {
        return nodes.findById(id);
    }

    @Transactional
    public List<StoredNode> findAll(java.util.Collection<Long> ids) {
        return nodes.findByIds(ids);
    }

    @Transactional
    public Page<StoredNode> page(PageRequest request, Optional<Long> regionId) {
        regionId.ifPresent(this::requireRegion);
        return nodes.page(request, regionId);
    }

    @Transactional
    public long count() {
        return nodes.count();
    }

    @Transactional
    public List<StoredNode> monitored() {
        return nodes.monitored();
    }

    /** Cheap refusals before a node is contacted: unknown region, name already used. */
    @Transactional
    public void preflight(Long regionId, String name, Long exceptId) {
        if (regionId != null) {
            requireRegion(regionId);
        }
        if (name != null && nodes.nameTaken(name, exceptId)) {
            throw DomainException.invalid("name", "已被其他节点使用", "is already used by another node");
        }
    }

    @Transactional
    public StoredNode insert(Node node, byte[] apiSecret, byte[] sshSecret) {
        preflight(node.regionId(), node.name().value(), null);
        requireEndpointFree(node, null);
        long id = nodes.insert(node, apiSecret, sshSecret)
                .orElseThrow(() -> new DomainException(ErrorCode.NODE_ALREADY_EXISTS));
        return nodes.findById(id).orElseThrow();
    }

    /**
     * Saves an edited node read at {@code node.updatedAt()}; null secrets stay as stored. {@code natPoolId}: null
     * keeps the NAT pool, 0 clears it, else that pool of the node becomes it.
     */
    @Transactional
    public StoredNode save(Node node, byte[] apiSecret, byte[] sshSecret, boolean writeState, Long natPoolId) {
        preflight(node.regionId(), node.name().value(), node.id());
        requireEndpointFree(node, node.id());
        if (natPoolId != null && natPoolId != 0 && !nodes.poolOfNode(natPoolId, node.id())) {
            throw DomainException.invalid("natippool", "不是该节点的IP池", "is not an IP pool of this node");
        }
        if (!nodes.update(node, apiSecret, sshSecret, writeState, clock.instant())) {
            throw DomainException.failure("节点已被他人修改，请刷新后重试", "The node was changed meanwhile; reload and retry");
        }
        if (natPoolId != null) {
            nodes.useNatPool(node.id(), natPoolId == 0 ? null : natPoolId);
        }
        return nodes.findById(node.id()).orElseThrow();
    }

    @Transactional
    public void recordHealth(long id, NodeState state, ShellState shell) {
        nodes.recordHealth(id, state, shell);
    }

    @Transactional
    public void moveToRegion(long nodeId, long regionId) {
        nodes.findById(nodeId).orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_EXIST));
        requireRegion(regionId);
        nodes.moveToRegion(nodeId, regionId, clock.instant());
    }

    /** Removes a node without VMs or unfinished operations, with its pools and unheld addresses. */
    @Transactional
    public void delete(long nodeId) {
        nodes.findById(nodeId).orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_EXIST));
        if (nodes.existingVmCount(nodeId) > 0) {
            throw new DomainException(ErrorCode.NODE_HAS_VM);
        }
        if (nodes.activeOperationCount(nodeId) > 0) {
            throw DomainException.failure("该节点上仍有未完成的任务，无法删除",
                    "Operations on this node are still running; it cannot be deleted");
        }
        if (!nodes.delete(nodeId)) {
            throw new DomainException(ErrorCode.NODE_NOT_EXIST);
        }
    }

    private void requireRegion(long regionId) {
        if (!regions.exists(regionId)) {
            throw DomainException.invalid("area", "地区不存在", "no such region");
        }
    }

    private void requireEndpointFree(Node node, Long exceptId) {
        var c = node.connection();
        if (nodes.endpointTaken(c.host(), c.apiPort(), c.pveNodeName(), exceptId)) {
            throw new DomainException(ErrorCode.NODE_ALREADY_EXISTS, null,
                    c.host() + ":" + c.apiPort() + " 上的 " + c.pveNodeName() + " 已登记",
                    c.pveNodeName() + " at " + c.host() + ":" + c.apiPort() + " is already registered");
        }
    }
}
