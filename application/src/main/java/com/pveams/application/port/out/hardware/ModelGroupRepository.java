package com.pveams.application.port.out.hardware;

import com.pveams.domain.hardware.ModelGroup;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.List;
import java.util.Optional;

public interface ModelGroupRepository {
    ModelGroup insert(ModelGroup group);

    Optional<ModelGroup> findById(long id);

    /** See {@link CpuModelRepository#lockForReference}. */
    Optional<ModelGroup> lockForReference(long id);

    Optional<ModelGroup> lockForUpdate(long id);

    Page<ModelGroup> page(PageRequest request);

    /** Saves the group's CPU model, SMBIOS list (in order), info and args. */
    void update(ModelGroup group);

    void delete(long id);

    /** Groups whose args are rendered from this CPU model, locked for update. */
    List<ModelGroup> lockUsingCpuModel(long cpuModelId);

    /** Groups whose args are rendered from this SMBIOS model, locked for update. */
    List<ModelGroup> lockUsingSmbiosModel(long smbiosModelId);
}
