package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.ippool.AddressStatus;
import com.pveams.domain.network.IpAddress;

import java.util.Optional;

/**
 * An IPv4 address row of a node's pool as an allocation sees it (locked), and the rule for taking it when a
 * create asks for it by name.
 */
public record ListedAddress(long id, long poolId, IpAddress address, AddressStatus status, boolean natPool) {

    /**
     * The row a create may hold for a requested address, or 1004 saying why not: not listed on the node (the legacy
     * server assigned any address it was given), in use, disabled, the gateway, in the wrong kind of pool (NAT or
     * public) or not in the requested pool.
     */
    public static ListedAddress requireClaimable(IpAddress wanted, Optional<ListedAddress> row, AddressRequest request) {
        ListedAddress r = row.orElseThrow(() -> unavailable(wanted + " 不在该节点的 IP 池中",
                wanted + " is not in any IP pool of the node"));
        if (r.natPool != request.nat()) {
            throw unavailable(wanted + (r.natPool ? " 属于 NAT 地址池" : " 不属于 NAT 地址池"),
                    wanted + (r.natPool ? " belongs to the NAT pool" : " is not in the NAT pool"));
        }
        if (request.poolId() != null && request.poolId() != r.poolId) {
            throw unavailable(wanted + " 不在指定的 IP 池中", wanted + " is not in the requested pool");
        }
        switch (r.status) {
            case FREE -> {
                return r;
            }
            case USED -> throw unavailable(wanted + " 已被使用", wanted + " is in use");
            case DISABLED -> throw unavailable(wanted + " 已被禁用", wanted + " is disabled");
            default -> throw unavailable(wanted + " 是网关地址", wanted + " is the gateway");
        }
    }

    private static DomainException unavailable(String zh, String en) {
        return new DomainException(ErrorCode.NO_AVAILABLE_IPV4, "ipConfig", zh, en);
    }
}
