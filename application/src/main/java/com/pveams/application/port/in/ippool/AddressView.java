package com.pveams.application.port.in.ippool;

import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.ippool.PoolAddress;

/**
 * A listed address with its pool's settings, as the legacy rows carried them. {@code vmId} is the holder's PVE
 * VMID (the legacy meaning), null when free; {@code subnetMask} is dotted for IPv4, the prefix length for IPv6.
 */
public record AddressView(long id, long nodeId, Long vmId, long poolId, String ip, String subnetMask, String gateway,
                          String dns1, String dns2, int status) {
    public static AddressView of(PoolAddress a, IpPool pool) {
        return new AddressView(a.id(), pool.nodeId(), a.holderVmid(), pool.id(), a.address().toString(),
                pool.network().subnetMask(), pool.gateway().toString(), IpPoolView.text(pool.dns1()),
                IpPoolView.text(pool.dns2()), a.status().code());
    }
}
