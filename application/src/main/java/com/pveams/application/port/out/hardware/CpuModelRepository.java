package com.pveams.application.port.out.hardware;

import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Optional;

public interface CpuModelRepository {
    CpuModel insert(CpuModel model);

    Optional<CpuModel> findById(long id);

    /**
     * Loads the model and holds it until the transaction ends, so a concurrent delete waits and then sees the new
     * reference (use before saving something that references it).
     */
    Optional<CpuModel> lockForReference(long id);

    /** Loads the model for an update or delete, blocking concurrent references until the transaction ends. */
    Optional<CpuModel> lockForUpdate(long id);

    Page<CpuModel> page(PageRequest request);

    void update(CpuModel model);

    void delete(long id);
}
