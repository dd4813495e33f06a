package com.pveams.domain.ippool;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.network.IpNetwork;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A pool of addresses of one node: a network (the one that contains the gateway), the gateway and the DNS servers
 * every address of the pool is configured with.
 *
 * <p>IPv4 pools list their addresses, every one a row. IPv6 pools do not: a /64 has 2^64 addresses, so only the
 * prefix is stored and an address becomes a row when it is allocated to a VM.
 *
 * <p>Neither kind offers its gateway, its network address or (IPv4) its broadcast address.
 *
 * <p>An IPv4 /32 pool is a pool of <em>routed</em> addresses: its network is the gateway alone, so it starts empty,
 * and its addresses, added by range from anywhere but the gateway, are configured {@code address/32} with the
 * gateway as on-link next hop (how failover and additional IPs are routed to a host). An IPv6 /128 would be the
 * gateway alone with nothing to allocate, and is refused.
 */
public final class IpPool {
    /** Most addresses one request may add: a whole IPv4 /16, so a typo ({@code /8}) cannot insert 16 M rows. */
    public static final long MAX_ADDRESSES_PER_REQUEST = 65_536;
    static final int MAX_NAME = 64;

    private final Long id;
    private final long nodeId;
    private String name;
    private IpNetwork network;
    private IpAddress gateway;
    private IpAddress dns1;
    private IpAddress dns2;
    private final boolean nat;

    public IpPool(Long id, long nodeId, String name, IpNetwork network, IpAddress gateway, IpAddress dns1,
                  IpAddress dns2, boolean nat) {
        this.id = id;
        this.nodeId = nodeId;
        this.name = Objects.requireNonNull(name);
        this.network = Objects.requireNonNull(network);
        this.gateway = Objects.requireNonNull(gateway);
        this.dns1 = dns1;
        this.dns2 = dns2;
        this.nat = nat;
    }

    /**
     * A new pool over the network of {@code prefixLength} that contains {@code gateway} (field names as in
     * {@code insertIpPoolByMask}).
     */
    public static IpPool define(String name, long nodeId, IpAddress gateway, int prefixLength, IpAddress dns1,
                                IpAddress dns2) {
        String n = requireName(name, "poolName");
        int max = gateway.bits();
        int min = gateway.version() == 4 ? 8 : 1;
        if (prefixLength < min || prefixLength > max) {
            throw DomainException.invalid("mask", "IPv" + gateway.version() + " 的掩码位必须在 " + min + " 到 " + max + " 之间",
                    "must be between " + min + " and " + max + " for IPv" + gateway.version());
        }
        if (prefixLength == max && gateway.version() == 6) {
            throw DomainException.invalid("mask", "/" + max + " 网段只有网关本身，没有可分配的地址",
                    "/" + max + " holds only the gateway itself: no address would be left to allocate");
        }
        IpNetwork network = IpNetwork.containing(gateway, prefixLength);
        if (gateway.version() == 4 && network.usableCount().compareTo(BigInteger.valueOf(MAX_ADDRESSES_PER_REQUEST)) > 0) {
            throw DomainException.invalid("mask", "IPv4 池最大为 /16（一次最多 " + MAX_ADDRESSES_PER_REQUEST + " 个地址）",
                    "must be at least 16: an IPv4 pool holds at most " + MAX_ADDRESSES_PER_REQUEST + " addresses");
        }
        requireGatewayOf(network, gateway, "gateway");
        if (dns1 == null) {
            throw DomainException.required("dns1");
        }
        return new IpPool(null, nodeId, n, network, gateway, requireDns(dns1, gateway.version(), "dns1"),
                requireDns(dns2, gateway.version(), "dns2"), false);
    }

    static String requireName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw DomainException.required(field);
        }
        String n = name.strip();
        if (n.codePointCount(0, n.length()) > MAX_NAME) {
            throw DomainException.invalid(field, "长度不能超过 " + MAX_NAME, "must be at most " + MAX_NAME + " characters");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid(field, "不能包含控制字符", "must not contain control characters");
        }
        return n;
    }

    private static void requireGatewayOf(IpNetwork network, IpAddress gateway, String field) {
        network.whyUnusable(gateway).ifPresent(why -> {
            throw DomainException.invalid(field, gateway + " " + why[0] + "，不能作为网关", gateway + " " + why[1] + " and cannot be the gateway");
        });
    }

    private static IpAddress requireDns(IpAddress dns, int version, String field) {
        if (dns == null) {
            return null;
        }
        if (dns.version() != version) {
            throw DomainException.invalid(field, "必须是 IPv" + version + " 地址（与网关相同）",
                    "must be an IPv" + version + " address, like the gateway");
        }
        if (dns.isUnspecified()) {
            throw DomainException.invalid(field, "不能是未指定地址", "must not be the unspecified address");
        }
        return dns;
    }

    /** Whether the pool's addresses are rows (IPv4) or materialised only when allocated (IPv6). */
    public boolean enumeratesAddresses() {
        return network.version() == 4;
    }

    /** A /32: addresses routed to the host through the gateway, added by range, not taken from a network. */
    public boolean routed() {
        return network.version() == 4 && network.prefixLength() == 32;
    }

    /** Every address of a new IPv4 pool: its usable hosts without the gateway; none for IPv6 and routed pools. */
    public java.util.Optional<AddressRange> initialAddresses() {
        if (!enumeratesAddresses() || routed()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new AddressRange(network.firstUsable(), network.lastUsable(), gateway));
    }

    /**
     * The addresses {@code start..end} to add to this pool (fields of {@code insertIpPoolByRange}). They must lie
     * in the pool's network (anywhere for a routed /32 pool), and include neither the gateway, nor the network or broadcast address: a range that
     * touches one names the end at fault. Whether they are already listed is the caller's question.
     */
    public AddressRange range(IpAddress start, IpAddress end) {
        if (!enumeratesAddresses()) {
            throw DomainException.invalid("poolId", "IPv6 池不按范围添加地址：地址在分配给虚拟机时生成",
                    "is an IPv6 pool: its addresses are created when allocated to a VM, not added by range");
        }
        requireFamily(start, "startIp");
        requireFamily(end, "endIp");
        if (start.compareTo(end) > 0) {
            throw DomainException.invalid("endIp", "不能小于 startIp", "must not be lower than startIp");
        }
        if (!routed()) {
            network.whyUnusable(start).ifPresent(why -> {
                throw DomainException.invalid("startIp", start + " " + why[0], start + " " + why[1]);
            });
            network.whyUnusable(end).ifPresent(why -> {
                throw DomainException.invalid("endIp", end + " " + why[0], end + " " + why[1]);
            });
        } else if (start.isUnspecified()) {
            throw DomainException.invalid("startIp", "不能是 0.0.0.0", "must not be 0.0.0.0");
        }
        if (gateway.compareTo(start) >= 0 && gateway.compareTo(end) <= 0) {
            String field = gateway.equals(start) ? "startIp" : "endIp";
            throw DomainException.invalid(field, "范围包含网关 " + gateway + "，网关不能分配给虚拟机",
                    "the range includes the gateway " + gateway + ", which is never allocated to a VM");
        }
        AddressRange range = new AddressRange(start, end, gateway); // outside the range: skipping it skips nothing
        if (range.count() > MAX_ADDRESSES_PER_REQUEST) {
            throw DomainException.invalid("endIp", "一次最多添加 " + MAX_ADDRESSES_PER_REQUEST + " 个地址",
                    "at most " + MAX_ADDRESSES_PER_REQUEST + " addresses can be added at once");
        }
        return range;
    }

    private void requireFamily(IpAddress a, String field) {
        if (a.version() != network.version()) {
            throw DomainException.invalid(field, "必须是 IPv" + network.version() + " 地址（与 IP 池相同）",
                    "must be an IPv" + network.version() + " address, like the pool");
        }
    }

    /** The range's DNS servers must be the pool's: DNS is set per pool (every address shows its pool's). */
    public void requireSameDns(IpAddress rangeDns1, IpAddress rangeDns2) {
        if (rangeDns1 != null && !rangeDns1.equals(dns1)) {
            throw DomainException.invalid("dns1", "与 IP 池的 DNS（" + dns1 + "）不同；DNS 按 IP 池设置，请用 updateIpPool 修改",
                    "differs from the pool's DNS (" + dns1 + "); DNS is set per pool, change it with updateIpPool");
        }
        if (rangeDns2 != null && !rangeDns2.equals(dns2)) {
            throw DomainException.invalid("dns2", "与 IP 池的 DNS（" + dns2 + "）不同；DNS 按 IP 池设置，请用 updateIpPool 修改",
                    "differs from the pool's DNS (" + dns2 + "); DNS is set per pool, change it with updateIpPool");
        }
    }

    public void rename(String newName) {
        name = requireName(newName, "name");
    }

    public void changeDns(IpAddress newDns1, IpAddress newDns2) {
        if (newDns1 != null) {
            dns1 = requireDns(newDns1, network.version(), "dns1");
        }
        if (newDns2 != null) {
            dns2 = requireDns(newDns2, network.version(), "dns2");
        }
    }

    /**
     * A new gateway inside the same network (any address for a routed pool); whether an address of the pool is
     * it is the caller's concern.
     */
    public void moveGateway(IpAddress newGateway) {
        requireFamily(newGateway, "gateway");
        if (routed()) {
            // a routed pool's "network" is its gateway alone; its addresses do not depend on it
            if (newGateway.isUnspecified()) {
                throw DomainException.invalid("gateway", "不能是 0.0.0.0", "must not be 0.0.0.0");
            }
            network = IpNetwork.containing(newGateway, 32);
        } else {
            requireGatewayOf(network, newGateway, "gateway");
        }
        gateway = newGateway;
    }

    /** The network and the node are what the pool's addresses were built from: they cannot change under them. */
    public void requireSameNetwork(Integer prefixLength, Long otherNodeId) {
        if (prefixLength != null && prefixLength != network.prefixLength()) {
            throw DomainException.invalid("mask", "IP 池的掩码位不能修改（地址按网段 " + network + " 生成），请新建 IP 池",
                    "cannot change: the pool's addresses were built from " + network + "; create a new pool");
        }
        if (otherNodeId != null && otherNodeId != nodeId) {
            throw DomainException.invalid("nodeid", "IP 池不能移到其他节点，请在目标节点新建 IP 池",
                    "cannot change: a pool cannot move to another node; create a pool there");
        }
    }

    /**
     * Addresses a VM could still get: the free rows of an IPv4 pool; for IPv6 every host address of the prefix
     * but the gateway and the rows already used, disabled or marked gateway.
     */
    public BigInteger available(PoolUsage usage) {
        if (enumeratesAddresses()) {
            return BigInteger.valueOf(usage.free());
        }
        BigInteger taken = BigInteger.valueOf(usage.used() + usage.disabled() + usage.gateway());
        return network.usableCount().subtract(BigInteger.ONE).subtract(taken).max(BigInteger.ZERO);
    }

    public Long id() { return id; }
    public long nodeId() { return nodeId; }
    public String name() { return name; }
    public IpNetwork network() { return network; }
    public int version() { return network.version(); }
    public int prefixLength() { return network.prefixLength(); }
    public IpAddress gateway() { return gateway; }
    public IpAddress dns1() { return dns1; }
    public IpAddress dns2() { return dns2; }
    public boolean nat() { return nat; }
}
