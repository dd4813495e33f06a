package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.network.IpAddress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How many IPv4 and IPv6 addresses a VM gets and which ones it asked for by name (legacy-behavior §5.3): the
 * requested ones are honoured first (each must be free in a pool of the node, else 1004/1005), the rest are
 * taken automatically. Unlike the legacy server, a requested address is checked against the node's pools and
 * its status, and held in the same transaction that creates the VM.
 *
 * @param poolId the only pool to take IPv4 addresses from, or null for any eligible pool of the node
 * @param nat    the VM is a NAT VM: its IPv4 addresses come from the node's NAT pool, never from the public ones
 */
public record AddressRequest(int ipv4Count, int ipv6Count, List<IpAddress> ipv4, List<IpAddress> ipv6, boolean nat,
                             Long poolId) {
    /** Most addresses of one family one VM may take in one request, so a typo cannot drain a pool. */
    public static final int MAX_PER_FAMILY = 32;

    public AddressRequest {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
    }

    /**
     * The legacy defaults: IPv4 count {@code ipv4num}, else as many as requested but at least one; IPv6 count
     * {@code ipv6num}, else as many as requested (none by default).
     */
    public static AddressRequest of(Integer ipv4num, Integer ipv6num, List<IpAddress> requested, boolean nat, Long poolId) {
        List<IpAddress> v4 = new ArrayList<>();
        List<IpAddress> v6 = new ArrayList<>();
        Set<IpAddress> seen = new HashSet<>();
        for (IpAddress a : requested == null ? List.<IpAddress>of() : requested) {
            if (!seen.add(a)) {
                throw invalid("ipConfig", a + " 重复", a + " is listed twice");
            }
            (a.version() == 4 ? v4 : v6).add(a);
        }
        int n4 = count(ipv4num, "ipv4num", Math.max(v4.size(), 1));
        int n6 = count(ipv6num, "ipv6num", v6.size());
        if (v4.size() > n4) {
            throw invalid("ipv4num", "指定了 " + v4.size() + " 个 IPv4 地址，多于 ipv4num " + n4,
                    v4.size() + " IPv4 addresses were given, more than ipv4num " + n4);
        }
        if (v6.size() > n6) {
            throw invalid("ipv6num", "指定了 " + v6.size() + " 个 IPv6 地址，多于 ipv6num " + n6,
                    v6.size() + " IPv6 addresses were given, more than ipv6num " + n6);
        }
        if (n4 == 0 && n6 == 0) {
            throw invalid("ipv4num", "ipv4num 和 ipv6num 不能都为 0", "ipv4num and ipv6num cannot both be 0");
        }
        if (nat && n4 == 0) {
            throw invalid("ifnat", "纯IPv6虚拟机不支持NAT", "an IPv6-only VM cannot use NAT");
        }
        if (poolId != null && poolId <= 0) {
            poolId = null;
        }
        return new AddressRequest(n4, n6, v4, v6, nat, poolId);
    }

    private static int count(Integer given, String field, int otherwise) {
        if (given == null) {
            return otherwise;
        }
        if (given < 0) {
            throw invalid(field, "不能为负数", "must not be negative");
        }
        if (given > MAX_PER_FAMILY) {
            throw invalid(field, "一台虚拟机最多 " + MAX_PER_FAMILY + " 个", "at most " + MAX_PER_FAMILY + " per VM");
        }
        return given;
    }

    /** Addresses still to be taken automatically once the requested ones are held. */
    public int automaticIpv4() {
        return ipv4Count - ipv4.size();
    }

    public int automaticIpv6() {
        return ipv6Count - ipv6.size();
    }

    private static DomainException invalid(String field, String zh, String en) {
        return new DomainException(ErrorCode.INVALID_PARAM, field, zh, en);
    }
}
