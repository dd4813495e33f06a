package com.pveams.application.port.in.ippool;

import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.ippool.PoolUsage;

import java.math.BigInteger;

/**
 * A pool as listings show it, with live counters. {@code mask} is the prefix length for both families;
 * {@code available} of an IPv6 pool counts the prefix's unallocated host addresses (2^64 − 2 for a fresh /64).
 */
public record IpPoolView(long id, String name, long nodeId, int ipVersion, String gateway, int mask, String dns1,
                         String dns2, BigInteger available, long used, long disabled) {
    public static IpPoolView of(IpPool p, PoolUsage usage) {
        return new IpPoolView(p.id(), p.name(), p.nodeId(), p.version(), p.gateway().toString(), p.prefixLength(),
                text(p.dns1()), text(p.dns2()), p.available(usage), usage.used(), usage.disabled());
    }

    static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
