package com.pveams.domain.ippool;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;

import java.util.Objects;

/**
 * One listed address of a pool. Which VM holds it is decided by VM operations (allocation, release), never by an
 * admin edit: an edit only takes a free address out of service or puts it back.
 */
public final class PoolAddress {
    private final long id;
    private final long poolId;
    private final IpAddress address;
    private AddressStatus status;
    /** The PVE VMID of the holder (what the legacy {@code vmId} meant), null when not held. */
    private final Long holderVmid;

    public PoolAddress(long id, long poolId, IpAddress address, AddressStatus status, Long holderVmid) {
        this.id = id;
        this.poolId = poolId;
        this.address = Objects.requireNonNull(address);
        this.status = Objects.requireNonNull(status);
        this.holderVmid = holderVmid;
    }

    /**
     * Sets the admin-visible status: only free (0) and disabled (2) can be chosen; an address held by a VM
     * and the pool's gateway keep theirs. Setting the current status again is accepted, since the admin UI
     * sends whole rows back.
     */
    public void changeStatus(AddressStatus target, IpPool pool, String field) {
        if (target == status) {
            return;
        }
        if (status == AddressStatus.USED) {
            throw DomainException.invalid(field, address + " 正被虚拟机 " + holderVmid + " 使用，请通过虚拟机的 IP 操作释放",
                    address + " is held by VM " + holderVmid + "; release it through the VM's IP operations");
        }
        if (target == AddressStatus.USED) {
            throw DomainException.invalid(field, "地址只能通过虚拟机的 IP 操作分配（状态 1）",
                    "an address is allocated (status 1) only through VM operations");
        }
        if (target == AddressStatus.GATEWAY || address.equals(pool.gateway())) {
            throw DomainException.invalid(field, "网关地址由 IP 池的 gateway 决定，请用 updateIpPool 修改",
                    "the gateway is the pool's gateway field; change it with updateIpPool");
        }
        status = target;
    }

    /**
     * Applies one row of an {@code updateIp} batch; {@code prefix} names the row in errors ({@code [3].}).
     * Fields that belong to the pool (gateway, mask, DNS) or to the address's identity may be repeated, not changed.
     */
    public void apply(AddressEdit edit, IpPool pool, String prefix) {
        requireSame(prefix + "ip", edit.ip(), address, "地址本身不能修改", "the address itself cannot change");
        requireSame(prefix + "poolId", edit.poolId(), poolId, "地址不能移到其他 IP 池", "an address cannot move to another pool");
        requireSame(prefix + "nodeId", edit.nodeId(), pool.nodeId(), "地址不能移到其他节点", "an address cannot move to another node");
        requireSame(prefix + "gateway", edit.gateway(), pool.gateway(), POOL_FIELD_ZH, POOL_FIELD_EN);
        requireSame(prefix + "dns1", edit.dns1(), pool.dns1(), POOL_FIELD_ZH, POOL_FIELD_EN);
        requireSame(prefix + "dns2", edit.dns2(), pool.dns2(), POOL_FIELD_ZH, POOL_FIELD_EN);
        if (edit.subnetMask() != null && !edit.subnetMask().isBlank()
                && !edit.subnetMask().strip().equals(pool.network().subnetMask())) {
            throw DomainException.invalid(prefix + "subnetMask", POOL_FIELD_ZH, POOL_FIELD_EN);
        }
        requireHolder(edit.vmId(), prefix + "vmId");
        if (edit.status() != null) {
            changeStatus(AddressStatus.of(edit.status(), prefix + "status"), pool, prefix + "status");
        }
    }

    private static final String POOL_FIELD_ZH = "按 IP 池设置，不能单独修改某个地址，请用 updateIpPool 修改";
    private static final String POOL_FIELD_EN = "is set per pool, not per address; change it with updateIpPool";

    private static void requireSame(String field, Object sent, Object current, String zh, String en) {
        if (sent == null || (sent instanceof String s && s.isBlank())) {
            return;
        }
        Object value = sent instanceof String s && current instanceof IpAddress ? IpAddress.parse(s, field) : sent;
        if (!value.equals(current)) {
            throw DomainException.invalid(field, zh, en);
        }
    }

    /** A VM is assigned only by VM operations: an edit may repeat the holder, not change it. */
    public void requireHolder(Long vmid, String field) {
        if (vmid != null && !vmid.equals(holderVmid) && !(holderVmid == null && vmid == 0)) {
            throw DomainException.invalid(field, "地址只能通过虚拟机的 IP 操作分配", "an address is assigned to a VM only through VM operations");
        }
    }

    public long id() { return id; }
    public long poolId() { return poolId; }
    public IpAddress address() { return address; }
    public AddressStatus status() { return status; }
    public Long holderVmid() { return holderVmid; }
}
