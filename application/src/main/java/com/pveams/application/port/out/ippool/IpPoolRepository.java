package com.pveams.application.port.out.ippool;

import com.pveams.domain.ippool.AddressRange;
import com.pveams.domain.ippool.AddressStatus;
import com.pveams.domain.ippool.IpPool;
import com.pveams.domain.ippool.PoolAddress;
import com.pveams.domain.ippool.PoolUsage;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.network.IpNetwork;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface IpPoolRepository {
    /**
     * Serialises changes to the pools and addresses of one node until the transaction ends, so two requests
     * cannot both find a range free and both list it.
     */
    void lockNode(long nodeId);

    /** Inserts the pool unless the node has a pool of that name; empty when it has. */
    Optional<IpPool> insertIfNameFree(IpPool pool);

    Optional<IpPool> findById(long id);

    /** The pool, locked against concurrent deletion and new address rows until the transaction ends. */
    Optional<IpPool> findByIdForUpdate(long id);

    boolean nameTaken(long nodeId, String name, long exceptPoolId);

    /** A pool of the node whose network overlaps {@code network}; routed (/32) pools span no network. */
    Optional<IpPool> overlapping(long nodeId, IpNetwork network);

    /** The lowest address in {@code from..to} already listed in any pool of the node. */
    Optional<Listed> firstListed(long nodeId, IpAddress from, IpAddress to);

    record Listed(IpAddress address, long poolId, String poolName) {
    }

    /** Lists every address of the range (minus its skipped one) in the pool, in one statement; returns the count. */
    long insertAddresses(IpPool pool, AddressRange range);

    void update(IpPool pool);

    Optional<PoolAddress> findAddress(long poolId, IpAddress address);

    /** The addresses with these ids, locked for update. */
    List<PoolAddress> findAddressesForUpdate(Collection<Long> ids);

    void setStatus(Collection<PoolAddress> addresses);

    void setStatus(long poolId, IpAddress address, AddressStatus status);

    /** Counters of the given pools, from one grouped query; pools without addresses are absent. */
    Map<Long, PoolUsage> usage(Collection<Long> poolIds);

    Page<IpPool> page(PageRequest request);

    Page<PoolAddress> addresses(long poolId, PageRequest request);

    boolean hasHeldAddresses(long poolId);

    /** Deletes the pool's free addresses, then the pool; false (nothing deleted) when a held address remains. */
    boolean deleteWithAddresses(long poolId);
}
