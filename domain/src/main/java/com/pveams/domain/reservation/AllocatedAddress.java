package com.pveams.domain.reservation;

import com.pveams.domain.network.IpAddress;

/** An address held by a VM, with what its cloud-init configuration needs from the pool. */
public record AllocatedAddress(long id, long poolId, IpAddress address, int prefixLength, IpAddress gateway) {

    /** The item of a PVE {@code ipconfigN} value for this address ({@code ip=A/M,gw=G} or {@code ip6=…,gw6=…}). */
    public String ipConfigItem() {
        return address.version() == 4
                ? "ip=" + address + "/" + prefixLength + ",gw=" + gateway
                : "ip6=" + address + "/" + prefixLength + ",gw6=" + gateway;
    }
}
