package com.pveams.application.port.in.region;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** Reading regions; pages are ordered by id. */
public interface RegionQuery {
    Page<RegionView> list(PageRequest request);

    RegionView get(long id);

    /** The children of {@code parentId}; 0 lists the top-level regions (the legacy stored them with parent 0). */
    Page<RegionView> children(long parentId, PageRequest request);

    Page<RegionView> topLevel(PageRequest request);
}
