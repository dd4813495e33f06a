package com.pveams.application.port.in.hardware;

import com.pveams.domain.hardware.ModelGroup;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** Model groups: a CPU model plus SMBIOS models whose QEMU args are rendered from them. */
public interface ManageModelGroupsUseCase {
    ModelGroup create(ModelGroupCommand command);

    ModelGroup update(long id, ModelGroupCommand command);

    ModelGroup get(long id);

    Page<ModelGroup> list(PageRequest request);

    /** Refused while a flavour uses the group, naming it. */
    void delete(long id);

    /**
     * @param cpuModel    a CPU model id; 0 = none; on update null = unchanged (on create, none)
     * @param smbiosModel the legacy id list {@code "1,2"}; empty = none; on update null = unchanged
     * @param info        remark; on update null = unchanged
     */
    record ModelGroupCommand(Long cpuModel, String smbiosModel, String info) {
    }
}
