package com.pveams.application.service;

import com.pveams.application.port.in.ippool.AddressView;
import com.pveams.application.port.in.ippool.IpPoolQuery;
import com.pveams.application.port.in.ippool.IpPoolView;
import com.pveams.application.port.in.ippool.ManageIpPoolsUseCase;
import com.pveams.application.port.out.ippool.IpPoolRepository;
import com.pveams.application.port.out.ippool.IpPoolRepository.Listed;
import com.pveams.application.port.out.ippool.NodeReferences;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.ippool.AddressEdit;
import com.pveams.domain.ippool.AddressRange;
import com.pveams.domain.ippool.AddressStatus;
import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.ippool.PoolAddress;
import com.pveams.domain.ippool.PoolUsage;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * IP pools. Every change to a node's pools or addresses holds that node's lock ({@link IpPoolRepository#lockNode}),
 * so the checks for overlaps and duplicates see everything committed before the change is written.
 */
@Singleton
public class IpPoolService implements ManageIpPoolsUseCase, IpPoolQuery {
    /** Rows one {@code updateIp} call may edit, so one request cannot lock a whole /16. */
    static final int MAX_EDITS = 1000;

    private final IpPoolRepository pools;
    private final NodeReferences nodes;

    @Inject
    public IpPoolService(IpPoolRepository pools, NodeReferences nodes) {
        this.pools = pools;
        this.nodes = nodes;
    }

    @Override
    @Transactional
    public IpPoolView createByMask(CreatePoolByMask c) {
        IpPool pool = IpPool.define(c.poolName(), c.nodeId(), c.gateway(), c.mask(), c.dns1(), c.dns2());
        if (!nodes.exists(c.nodeId())) {
            throw new DomainException(ErrorCode.NODE_NOT_EXIST, "nodeId", null, null);
        }
        pools.lockNode(c.nodeId());
        // a routed pool spans no network: its addresses are checked one range at a time
        if (!pool.routed()) {
            checkFree(pool);
        }
        IpPool saved = pools.insertIfNameFree(pool).orElseThrow(() -> DomainException.invalid("poolName",
                "该节点已有同名 IP 池", "is already the name of a pool of this node"));
        long added = saved.initialAddresses().map(r -> pools.insertAddresses(saved, r)).orElse(0L);
        return IpPoolView.of(saved, new PoolUsage(added, 0, 0, 0));
    }

    /** A new pool's network must overlap no other pool of the node, nor any address the node lists. */
    private void checkFree(IpPool pool) {
        pools.overlapping(pool.nodeId(), pool.network()).ifPresent(other -> {
            throw DomainException.invalid("gateway",
                    "网段 " + pool.network() + " 与该节点的 IP 池「" + other.name() + "」（" + other.network() + "）重叠",
                    "the network " + pool.network() + " overlaps the node's pool '" + other.name() + "' (" + other.network() + ")");
        });
        pools.firstListed(pool.nodeId(), pool.network().network(), pool.network().last()).ifPresent(listed -> {
            throw DomainException.invalid("gateway",
                    "网段 " + pool.network() + " 中的 " + listed.address() + " 已在该节点的 IP 池「" + listed.poolName() + "」中",
                    pool.network() + " includes " + listed.address() + ", already in the node's pool '" + listed.poolName() + "'");
        });
    }

    @Override
    @Transactional
    public IpPoolView addRange(AddRange c) {
        IpPool pool = lockedPool(c.poolId(), "poolId");
        AddressRange range = pool.range(c.start(), c.end());
        pool.requireSameDns(c.dns1(), c.dns2());
        Optional<Listed> listed = pools.firstListed(pool.nodeId(), range.first(), range.last());
        if (listed.isPresent()) {
            Listed l = listed.get();
            String field = l.address().equals(range.first()) ? "startIp" : "endIp";
            boolean same = l.poolId() == pool.id();
            throw DomainException.invalid(field,
                    "范围 " + range.first() + "-" + range.last() + " 与已有地址重叠：" + l.address()
                            + (same ? " 已在本 IP 池中" : " 已在该节点的 IP 池「" + l.poolName() + "」中"),
                    "the range " + range.first() + "-" + range.last() + " overlaps listed addresses: " + l.address()
                            + (same ? " is already in this pool" : " is already in the node's pool '" + l.poolName() + "'"));
        }
        pools.insertAddresses(pool, range);
        return view(pool);
    }

    @Override
    @Transactional
    public IpPoolView update(UpdatePool c) {
        IpPool pool = lockedPool(c.id(), "id");
        pool.requireSameNetwork(c.mask(), c.nodeId());
        if (c.name() != null && !c.name().strip().equals(pool.name())) {
            pool.rename(c.name());
            if (pools.nameTaken(pool.nodeId(), pool.name(), pool.id())) {
                throw DomainException.invalid("name", "该节点已有同名 IP 池", "is already the name of a pool of this node");
            }
        }
        pool.changeDns(c.dns1(), c.dns2());
        if (c.gateway() != null && !c.gateway().equals(pool.gateway())) {
            IpAddress old = pool.gateway();
            pool.moveGateway(c.gateway());
            Optional<PoolAddress> listed = pools.findAddress(pool.id(), c.gateway());
            if (listed.isPresent() && listed.get().status() == AddressStatus.USED) {
                throw DomainException.invalid("gateway", c.gateway() + " 正被虚拟机 " + listed.get().holderVmid() + " 使用",
                        c.gateway() + " is held by VM " + listed.get().holderVmid());
            }
            // the new gateway stays listed but is never offered; a listed old gateway is parked as disabled
            // rather than offered, the operator decides whether VMs may have it
            listed.ifPresent(a -> pools.setStatus(pool.id(), a.address(), AddressStatus.GATEWAY));
            pools.findAddress(pool.id(), old).filter(a -> a.status() == AddressStatus.GATEWAY)
                    .ifPresent(a -> pools.setStatus(pool.id(), old, AddressStatus.DISABLED));
        }
        pools.update(pool);
        return view(pool);
    }

    @Override
    @Transactional
    public int updateAddresses(List<AddressEdit> edits) {
        if (edits == null || edits.isEmpty()) {
            throw DomainException.required("body");
        }
        if (edits.size() > MAX_EDITS) {
            throw DomainException.invalid("body", "一次最多修改 " + MAX_EDITS + " 个地址", "at most " + MAX_EDITS + " addresses per request");
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < edits.size(); i++) {
            if (!seen.add(edits.get(i).id())) {
                throw DomainException.invalid("[" + i + "].id", "在本次请求中重复", "appears twice in this request");
            }
        }
        Map<Long, PoolAddress> byId = pools.findAddressesForUpdate(seen).stream()
                .collect(Collectors.toMap(PoolAddress::id, Function.identity()));
        Map<Long, IpPool> poolsById = new HashMap<>();
        for (int i = 0; i < edits.size(); i++) {
            AddressEdit e = edits.get(i);
            PoolAddress address = byId.get(e.id());
            if (address == null) {
                throw DomainException.invalid("[" + i + "].id", "IP 地址不存在", "no such address");
            }
            IpPool pool = poolsById.computeIfAbsent(address.poolId(), id -> pools.findById(id).orElseThrow());
            address.apply(e, pool, "[" + i + "].");
        }
        pools.setStatus(byId.values());
        return edits.size();
    }

    @Override
    @Transactional
    public void delete(long poolId) {
        IpPool pool = pools.findByIdForUpdate(poolId)
                .orElseThrow(() -> new DomainException(ErrorCode.IP_POOL_NOT_EXIST, "poolId", null, null));
        pools.lockNode(pool.nodeId());
        // only this pool's addresses count (the legacy refused while any pool had a used address)
        if (pools.hasHeldAddresses(poolId) || !pools.deleteWithAddresses(poolId)) {
            throw new DomainException(ErrorCode.IP_POOL_HAS_USED);
        }
    }

    @Override
    @Transactional
    public Page<IpPoolView> list(PageRequest request) {
        Page<IpPool> page = pools.page(request);
        Map<Long, PoolUsage> usage = pools.usage(page.records().stream().map(IpPool::id).toList());
        return page.map(p -> IpPoolView.of(p, usage.getOrDefault(p.id(), PoolUsage.NONE)));
    }

    @Override
    @Transactional
    public Page<AddressView> addresses(long poolId, PageRequest request) {
        IpPool pool = pools.findById(poolId)
                .orElseThrow(() -> new DomainException(ErrorCode.IP_POOL_NOT_EXIST, "poolid", null, null));
        return pools.addresses(poolId, request).map(a -> AddressView.of(a, pool));
    }

    /** The pool with its node's lock held, read again under the lock so it reflects every committed change. */
    private IpPool lockedPool(long id, String field) {
        IpPool first = pools.findById(id)
                .orElseThrow(() -> new DomainException(ErrorCode.IP_POOL_NOT_EXIST, field, null, null));
        pools.lockNode(first.nodeId());
        return pools.findByIdForUpdate(id)
                .orElseThrow(() -> new DomainException(ErrorCode.IP_POOL_NOT_EXIST, field, null, null));
    }

    private IpPoolView view(IpPool pool) {
        return IpPoolView.of(pool, pools.usage(List.of(pool.id())).getOrDefault(pool.id(), PoolUsage.NONE));
    }
}
