package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.network.IpAddress;

import java.util.Optional;

/**
 * Which IPv6 address of a pool's prefix a VM gets. IPv6 pools store only their prefix; an address becomes a row
 * when allocated. Automatic addresses are sequential from {@code prefix::100} (the low ones are left to routers
 * and static infrastructure, by convention), the lowest not yet materialised, skipping the gateway; the unique
 * constraints decide between concurrent allocations.
 */
public final class Ipv6Materialisation {
    /** Offset of the first automatic address from the start of the prefix. */
    public static final long FIRST_OFFSET = 0x100;

    private Ipv6Materialisation() {
    }

    /** Where the search for an automatic address of the pool starts (the first host if the prefix is tiny). */
    public static IpAddress firstCandidate(IpPool pool) {
        IpAddress start = pool.network().network().plus(FIRST_OFFSET).orElse(pool.network().firstUsable());
        return pool.network().isUsable(start) ? start : pool.network().firstUsable();
    }

    /**
     * Whether {@code candidate} can be a VM's address in the pool: a host of the prefix and not its gateway.
     * Empty when the candidate ran past the prefix (the pool is exhausted); otherwise the candidate or the next one.
     */
    public static Optional<IpAddress> usable(IpPool pool, IpAddress candidate) {
        IpAddress c = candidate;
        if (c.equals(pool.gateway())) {
            Optional<IpAddress> next = c.plus(1);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            c = next.get();
        }
        return pool.network().isUsable(c) ? Optional.of(c) : Optional.empty();
    }

    /** A requested IPv6 address must be a host of the pool's prefix, other than its gateway (1005 otherwise). */
    public static void requireRequestable(IpPool pool, IpAddress wanted) {
        if (!pool.network().isUsable(wanted) || wanted.equals(pool.gateway())) {
            throw unavailable(wanted + " 不是 IP 池 " + pool.name() + " 的可用地址", wanted + " is not a usable address of the pool " + pool.name());
        }
    }

    public static DomainException unavailable(String zh, String en) {
        return new DomainException(ErrorCode.NO_AVAILABLE_IPV6, "ipConfig", zh, en);
    }
}
