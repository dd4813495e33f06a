package com.pveams.application.port.in.hardware;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** CPU identity models (legacy cpuinfo): add, edit (re-rendering the groups that use them), read, delete. */
public interface ManageCpuModelsUseCase {
    CpuModel create(CpuModel.Patch fields);

    CpuModel update(UpdateCpuModelCommand command);

    CpuModel get(long id);

    Page<CpuModel> list(PageRequest request);

    /** Refused while a model group or a flavour uses the model, naming it. */
    void delete(long id);

    /** Fields not sent (null) stay as they are. */
    record UpdateCpuModelCommand(long id, CpuModel.Patch fields) {
        public UpdateCpuModelCommand(Long id, CpuModel.Patch fields) {
            this(HardwareIds.require("id", id), fields);
        }

        public UpdateCpuModelCommand {
            if (fields == null) {
                throw DomainException.required("body");
            }
        }
    }
}
