package com.pveams.application.port.out.template;

import com.pveams.domain.vm.template.ImageTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code vm_template} (V24): the template registry, one row per (image, node, storage). In the caller's transaction. */
public interface ImageTemplateStore {

    Optional<ImageTemplate> find(long osImageId, long nodeId, String storage);

    /** The row, locked until the caller's transaction ends. */
    Optional<ImageTemplate> lock(long id);

    /**
     * A new BUILDING row for the key, or empty when a row exists (committed by another request or replica: the
     * insert waits for it, so two concurrent callers never both get a row).
     */
    Optional<ImageTemplate> insertBuilding(long osImageId, long nodeId, String storage, Instant now);

    /** FAILED → BUILDING if the row is still as the caller read it (compare-and-set on {@code updated_at}). */
    boolean restartFailed(long id, Instant readUpdatedAt, Instant now);

    /** Writes state, VMID, reservation, clone kind and reason. */
    void save(ImageTemplate template);

    void recordOperation(long id, long operationId);

    /** Keeps the reservation from expiring: it holds the template's VMID as long as the template row lives. */
    void holdVmid(long reservationId);

    List<ImageTemplate> ofImage(long osImageId);

    void delete(long id);
}
