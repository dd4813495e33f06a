package com.pveams.domain.network;

import com.pveams.domain.error.DomainException;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network: a prefix. Knows which of its addresses may be given to hosts:
 * <ul>
 *   <li>IPv4 up to /30: every address but the network and the broadcast address;</li>
 *   <li>IPv4 /31: both addresses (RFC 3021, point-to-point links have no broadcast);</li>
 *   <li>IPv6 up to /126: every address but the all-zero one, the Subnet-Router anycast address (RFC 4291 2.6.1);</li>
 *   <li>IPv6 /127: both (RFC 6164); a /32 or /128 is its single address.</li>
 * </ul>
 */
public final class IpNetwork {
    private final IpAddress network;
    private final int prefixLength;

    private IpNetwork(IpAddress network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** The network of the given prefix length that contains {@code address}. */
    public static IpNetwork containing(IpAddress address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > address.bits()) {
            throw new IllegalArgumentException("prefix length out of range");
        }
        return new IpNetwork(IpAddress.of(address.version(), address.value().and(mask(address.bits(), prefixLength))),
                prefixLength);
    }

    private static BigInteger mask(int bits, int prefixLength) {
        BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger host = BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE);
        return all.xor(host);
    }

    /** The prefix length of a dotted IPv4 netmask ({@code 255.255.255.0} → 24); contiguous masks only. */
    public static int prefixOfNetmask(String netmask, String field) {
        IpAddress m = IpAddress.parse(netmask, field);
        if (m.version() != 4) {
            throw DomainException.invalid(field, "不是 IPv4 子网掩码", "is not an IPv4 netmask");
        }
        long v = m.value().longValue();
        int prefix = Long.bitCount(v);
        long expected = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        if (v != expected) {
            throw DomainException.invalid(field, "不是连续的子网掩码", "is not a contiguous netmask");
        }
        return prefix;
    }

    public int version() {
        return network.version();
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The first address (all host bits zero). */
    public IpAddress network() {
        return network;
    }

    /** The last address (all host bits one): the IPv4 broadcast address. */
    public IpAddress last() {
        return IpAddress.of(version(), network.value().add(size()).subtract(BigInteger.ONE));
    }

    /** How many addresses the prefix spans. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.bits() - prefixLength);
    }

    public boolean contains(IpAddress a) {
        return a.version() == version() && a.value().and(mask(a.bits(), prefixLength)).equals(network.value());
    }

    public boolean overlaps(IpNetwork other) {
        return other.version() == version() && (contains(other.network) || other.contains(network));
    }

    /** The dotted netmask of an IPv4 network; for IPv6 the prefix length as text ({@code "64"}), as legacy rows had. */
    public String subnetMask() {
        if (version() == 6) {
            return Integer.toString(prefixLength);
        }
        return IpAddress.of(4, mask(32, prefixLength)).toString();
    }

    /** The lowest host address. */
    public IpAddress firstUsable() {
        int hostBits = network.bits() - prefixLength;
        return hostBits <= 1 ? network : network.plus(1).orElseThrow();
    }

    /** The highest host address. */
    public IpAddress lastUsable() {
        int hostBits = network.bits() - prefixLength;
        // IPv6 has no broadcast: only the all-zero address is reserved, so the last address is a host
        return hostBits <= 1 || version() == 6 ? last() : last().plus(-1).orElseThrow();
    }

    /** How many host addresses the network holds (see the class comment). */
    public BigInteger usableCount() {
        return lastUsable().value().subtract(firstUsable().value()).add(BigInteger.ONE);
    }

    /** Whether {@code a} may be a host of this network: inside it and not a reserved address. */
    public boolean isUsable(IpAddress a) {
        return contains(a) && a.compareTo(firstUsable()) >= 0 && a.compareTo(lastUsable()) <= 0;
    }

    /** Why {@code a} is not a usable host, or empty when it is. */
    public Optional<String[]> whyUnusable(IpAddress a) {
        if (!contains(a)) {
            return Optional.of(new String[]{"不在网段 " + this + " 内", "is outside the network " + this});
        }
        if (a.compareTo(firstUsable()) < 0) {
            return Optional.of(version() == 4
                    ? new String[]{"是网段 " + this + " 的网络地址", "is the network address of " + this}
                    : new String[]{"是网段 " + this + " 的子网路由器任播地址", "is the Subnet-Router anycast address of " + this});
        }
        if (a.compareTo(lastUsable()) > 0) {
            return Optional.of(new String[]{"是网段 " + this + " 的广播地址", "is the broadcast address of " + this});
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork n && n.network.equals(network) && n.prefixLength == prefixLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, prefixLength);
    }
}
