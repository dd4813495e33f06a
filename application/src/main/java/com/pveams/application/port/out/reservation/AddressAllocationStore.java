package com.pveams.application.port.out.reservation;

import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.reservation.AllocatedAddress;
import com.pveams.domain.reservation.ListedAddress;

import java.util.List;
import java.util.Optional;

/** {@code ip_address} rows as allocations use them, in the caller's transaction. */
public interface AddressAllocationStore {

    /** The node's row for an IPv4 address, locked (waiting for a concurrent allocation of it); a held one first. */
    Optional<ListedAddress> lockListed(long nodeId, IpAddress address);

    AllocatedAddress hold(long addressId, long vmId);

    /**
     * Holds up to {@code count} free IPv4 rows of the node's pools (NAT pool or public ones, optionally one pool),
     * lowest id first, skipping rows other transactions have locked. May return fewer.
     */
    List<AllocatedAddress> holdFree(long nodeId, boolean nat, Long poolId, int count, long vmId);

    /** The node's address lock, the one IP pool changes take ({@code IpPoolRepository.lockNode}). */
    void lockNode(long nodeId);

    /** The node's IPv6 pools, oldest first. */
    List<IpPool> ipv6Pools(long nodeId);

    /** The lowest address ≥ {@code from} that is no row of the node (candidates for materialising). */
    IpAddress lowestUnlisted(long nodeId, long poolId, IpAddress from);

    /** Inserts the IPv6 address as held by the VM; empty when a unique constraint says it exists already. */
    Optional<AllocatedAddress> materialise(IpPool pool, IpAddress address, long vmId);

    void releaseAll(long vmId);
}
