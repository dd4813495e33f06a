package com.pveams.adapters.persistence.console;

import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.console.ConsoleFrontEnds;
import com.pveams.domain.console.VncController;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Active front-ends by id, served by {@code ix_vnc_controller_status}. */
@ApplicationScoped
public class ConsoleFrontEndsAdapter implements ConsoleFrontEnds {
    private final VncControllerEntityRepository repo;

    @Inject
    public ConsoleFrontEndsAdapter(VncControllerEntityRepository repo) {
        this.repo = repo;
    }

    @Override
    public Page<VncController> active(PageRequest request) {
        return Pages.of(repo.find("status = 0 order by id"), request, VncControllerPersistenceAdapter::toDomain);
    }
}
