package com.pveams.application.port.out;

import com.pveams.domain.console.VncController;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Optional;

public interface VncControllerRepository {
    /** Inserts the front-end unless its name is taken; empty when taken. */
    Optional<VncController> insertIfNameFree(VncController controller);

    Optional<VncController> findByIdForUpdate(long id);

    boolean nameTakenByAnother(String name, long exceptId);

    void update(VncController controller);

    boolean delete(long id);

    Page<VncController> page(PageRequest request);
}
