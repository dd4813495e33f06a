package com.pveams.application.service.reservation;

import com.pveams.application.port.in.reservation.AddressAllocation;
import com.pveams.application.port.out.reservation.AddressAllocationStore;
import com.pveams.application.port.out.reservation.VmRows;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.reservation.AddressRequest;
import com.pveams.domain.reservation.AllocatedAddress;
import com.pveams.domain.reservation.Ipv6Materialisation;
import com.pveams.domain.reservation.ListedAddress;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Address allocation in the caller's transaction ({@code MANDATORY}): what it holds commits or rolls back with the
 * VM row, so a failed create holds nothing. Any refusal is thrown before the caller commits.
 */
@Singleton
public class AddressAllocationService implements AddressAllocation {
    /** Materialisation attempts per IPv6 address (each lost one means a concurrent insert of that address). */
    static final int MAX_IPV6_ATTEMPTS = 64;

    private final AddressAllocationStore store;
    private final VmRows vms;

    @Inject
    public AddressAllocationService(AddressAllocationStore store, VmRows vms) {
        this.store = store;
        this.vms = vms;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AllocatedAddress> allocate(AllocateAddresses c) {
        requireLiveVmOn(c.vmId(), c.nodeId());
        AddressRequest req = c.request();
        List<AllocatedAddress> held = new ArrayList<>();
        // requested rows are locked in address order, so two creates naming overlapping sets cannot deadlock
        for (IpAddress wanted : req.ipv4().stream().sorted().toList()) {
            ListedAddress row = ListedAddress.requireClaimable(wanted, store.lockListed(c.nodeId(), wanted), req);
            held.add(store.hold(row.id(), c.vmId()));
        }
        held.sort((a, b) -> Integer.compare(req.ipv4().indexOf(a.address()), req.ipv4().indexOf(b.address())));
        if (req.automaticIpv4() > 0) {
            List<AllocatedAddress> auto = store.holdFree(c.nodeId(), req.nat(), req.poolId(), req.automaticIpv4(), c.vmId());
            if (auto.size() < req.automaticIpv4()) {
                throw new DomainException(ErrorCode.NO_AVAILABLE_IPV4, "ipv4num",
                        "该节点" + (req.nat() ? "的 NAT 地址池" : "的 IP 池") + "只剩 " + auto.size() + " 个空闲地址，需要 " + req.automaticIpv4(),
                        "the node's " + (req.nat() ? "NAT pool" : "pools") + " have " + auto.size() + " free addresses, "
                                + req.automaticIpv4() + " are needed");
            }
            held.addAll(auto);
        }
        if (req.ipv6Count() > 0) {
            held.addAll(ipv6(c.nodeId(), c.vmId(), req));
        }
        return held;
    }

    private List<AllocatedAddress> ipv6(long nodeId, long vmId, AddressRequest req) {
        store.lockNode(nodeId);
        List<IpPool> pools = store.ipv6Pools(nodeId);
        if (pools.isEmpty()) {
            throw Ipv6Materialisation.unavailable("该节点没有 IPv6 地址池", "the node has no IPv6 pool");
        }
        List<AllocatedAddress> held = new ArrayList<>();
        for (IpAddress wanted : req.ipv6()) {
            IpPool pool = pools.stream().filter(p -> p.network().contains(wanted)).findFirst().orElseThrow(() ->
                    Ipv6Materialisation.unavailable(wanted + " 不在该节点的 IPv6 地址池中", wanted + " is not in an IPv6 pool of the node"));
            Ipv6Materialisation.requireRequestable(pool, wanted);
            held.add(store.materialise(pool, wanted, vmId).orElseThrow(() ->
                    Ipv6Materialisation.unavailable(wanted + " 已被使用", wanted + " is in use")));
        }
        int missing = req.automaticIpv6();
        for (IpPool pool : pools) {
            while (missing > 0) {
                Optional<AllocatedAddress> next = nextAutomatic(pool, vmId);
                if (next.isEmpty()) {
                    break;
                }
                held.add(next.get());
                missing--;
            }
        }
        if (missing > 0) {
            throw Ipv6Materialisation.unavailable("该节点的 IPv6 地址池没有足够的地址", "the node's IPv6 pools have too few free addresses");
        }
        return held;
    }

    /** The pool's next sequential address, materialised; empty when the prefix is exhausted. */
    private Optional<AllocatedAddress> nextAutomatic(IpPool pool, long vmId) {
        IpAddress from = Ipv6Materialisation.firstCandidate(pool);
        for (int attempt = 0; attempt < MAX_IPV6_ATTEMPTS; attempt++) {
            Optional<IpAddress> candidate = Ipv6Materialisation.usable(pool, store.lowestUnlisted(pool.nodeId(), pool.id(), from));
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            Optional<AllocatedAddress> held = store.materialise(pool, candidate.get(), vmId);
            if (held.isPresent()) {
                return held;
            }
            Optional<IpAddress> after = candidate.get().plus(1);
            if (after.isEmpty()) {
                return Optional.empty();
            }
            from = after.get();
        }
        return Optional.empty();
    }

    private void requireLiveVmOn(long vmId, long nodeId) {
        VmRows.VmRow vm = vms.find(vmId).orElseThrow(() -> new DomainException(ErrorCode.VM_NOT_EXIST, "vmId", null, null));
        if (!vm.live() || vm.nodeId() == null || vm.nodeId() != nodeId) {
            throw DomainException.invalid("vmId", "虚拟机不在该节点上或已删除", "the VM is not a live VM of this node");
        }
    }

    @Override
    @Transactional
    public void releaseAll(long vmId) {
        store.releaseAll(vmId);
    }
}
