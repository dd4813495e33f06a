package com.pveams.application.port.out;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.region.Region;

import java.util.Optional;

/**
 * Regions at rest. Writes that break a schema rule another request slipped past the service's checks (a name
 * taken meanwhile, a parent deleted or moved meanwhile) fail with the same refusal the service gives.
 */
public interface RegionRepository {
    /** Inserts the region unless its name is taken; empty when taken. */
    Optional<Region> insertIfNameFree(Region region);

    Optional<Region> findById(long id);

    /** Locks the row until the transaction ends, so a concurrent edit of the same region waits. */
    Optional<Region> findByIdForUpdate(long id);

    boolean nameTakenByAnother(String name, Long exceptId);

    long countChildren(long id);

    void update(Region region);

    /** Deletes the region; its nodes lose their region (the schema's ON DELETE SET NULL). */
    boolean delete(long id);

    Page<Region> page(PageRequest request);

    Page<Region> pageChildren(long parentId, PageRequest request);

    Page<Region> pageTopLevel(PageRequest request);
}
