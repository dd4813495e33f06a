package com.pveams.application.port.in.hardware;

import com.pveams.domain.hardware.SmbiosModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Map;

/** SMBIOS models: add, edit (re-rendering the groups that use them), read, delete. */
public interface ManageSmbiosModelsUseCase {
    SmbiosModel create(SmbiosCommand command);

    SmbiosModel update(long id, SmbiosCommand command);

    SmbiosModel get(long id);

    Page<SmbiosModel> list(PageRequest request);

    /** Refused while a model group uses the model, naming it. */
    void delete(long id);

    /**
     * @param type  the SMBIOS type as sent (number or numeric string); on update null = unchanged
     * @param model field → value; on update null = unchanged
     * @param info  remark; on update null = unchanged
     */
    record SmbiosCommand(Object type, Map<String, ?> model, String info) {
    }
}
