package com.pveams.domain.ippool;

import com.pveams.domain.network.IpAddress;

import java.math.BigInteger;

/**
 * Consecutive addresses {@code first..last} to add to a pool, minus {@code skip} (always given; it matters when it lies inside) (the pool's
 * gateway, which is never offered to a VM). Built only by {@link IpPool}, which checked every rule.
 */
public record AddressRange(IpAddress first, IpAddress last, IpAddress skip) {
    public AddressRange {
        java.util.Objects.requireNonNull(first);
        java.util.Objects.requireNonNull(last);
        java.util.Objects.requireNonNull(skip);
    }

    /** How many addresses the range adds. */
    public long count() {
        long n = last.value().subtract(first.value()).add(BigInteger.ONE).longValueExact();
        return skip != null && skip.compareTo(first) >= 0 && skip.compareTo(last) <= 0 ? n - 1 : n;
    }

    /** Offset of {@code last} from {@code first}: the range is {@code first + 0 .. first + span}. */
    public long span() {
        return last.value().subtract(first.value()).longValueExact();
    }
}
