package com.pveams.application.port.in.reservation;

import com.pveams.domain.network.IpAddress;
import com.pveams.domain.reservation.AddressRequest;
import com.pveams.domain.reservation.AllocatedAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * Addresses for a VM, held in the create transaction: the caller's transaction is required, so a create that
 * fails and rolls back leaves nothing held. IPv4 addresses are free rows of the node's pools taken with
 * {@code FOR UPDATE SKIP LOCKED}; IPv6 addresses are materialised from the node's IPv6 prefixes.
 */
public interface AddressAllocation {

    /**
     * Holds the requested addresses, then enough automatic ones, for the VM row {@code vmId} on {@code nodeId}.
     *
     * @return the held addresses: requested IPv4 first (in the order given), then automatic IPv4, then IPv6
     * @throws com.pveams.domain.error.DomainException 1004/1005 when an address is not available or the pools are
     *                                                 short, 1001 for counts the legacy rules refuse
     */
    List<AllocatedAddress> allocate(AllocateAddresses command);

    /** Frees every address the VM holds (IPv4 rows back to free, materialised IPv6 rows removed). */
    void releaseAll(long vmId);

    /**
     * The legacy create fields, parsed and checked on construction.
     *
     * @param requested addresses named in the request (legacy {@code ipv4}/{@code ipConfig}), either family
     */
    record AllocateAddresses(long nodeId, long vmId, AddressRequest request) {
        public static AllocateAddresses of(long nodeId, long vmId, Integer ipv4num, Integer ipv6num,
                                           List<String> requested, boolean nat, Long poolId) {
            List<IpAddress> parsed = new ArrayList<>();
            for (String a : requested == null ? List.<String>of() : requested) {
                parsed.add(IpAddress.parse(a, "ipConfig"));
            }
            return new AllocateAddresses(nodeId, vmId, AddressRequest.of(ipv4num, ipv6num, parsed, nat, poolId));
        }
    }
}
