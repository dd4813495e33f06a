package com.pveams.application.port.in.flavour;

import com.pveams.application.port.in.hardware.HardwareIds;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.flavour.Flavour;
import com.pveams.domain.flavour.FlavourSpec;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** Flavours (legacy configuration templates): add, edit, list, delete. */
public interface ManageFlavoursUseCase {
    Flavour create(FlavourSpec.Draft draft);

    Flavour update(UpdateFlavourCommand command);

    Page<Flavour> list(PageRequest request);

    /** VMs built from the flavour keep their own copy of its values, so they do not block the deletion. */
    void delete(long id);

    /** Fields not sent (null) stay as they are. */
    record UpdateFlavourCommand(long id, FlavourSpec.Draft draft) {
        public UpdateFlavourCommand(Long id, FlavourSpec.Draft draft) {
            this(HardwareIds.require("id", id), draft);
        }

        public UpdateFlavourCommand {
            if (draft == null) {
                throw DomainException.required("body");
            }
        }
    }
}
