package com.pveams.application.port.in.ippool;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** Reading pools and their addresses. */
public interface IpPoolQuery {
    /** Pools by id, each with its counters; the counters of a page come from one grouped query. */
    Page<IpPoolView> list(PageRequest request);

    /** The listed addresses of a pool in address order (an IPv6 pool lists only allocated ones). */
    Page<AddressView> addresses(long poolId, PageRequest request);
}
