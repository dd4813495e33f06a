package com.pveams.application.port.out.hardware;

import com.pveams.domain.hardware.SmbiosModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.List;
import java.util.Optional;

public interface SmbiosModelRepository {
    SmbiosModel insert(SmbiosModel model);

    Optional<SmbiosModel> findById(long id);

    /** The models with these ids that exist, in the given order, each held as {@link CpuModelRepository#lockForReference}. */
    List<SmbiosModel> lockForReference(List<Long> ids);

    Optional<SmbiosModel> lockForUpdate(long id);

    Page<SmbiosModel> page(PageRequest request);

    void update(SmbiosModel model);

    void delete(long id);
}
