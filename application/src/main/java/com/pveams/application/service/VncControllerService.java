package com.pveams.application.service;

import com.pveams.application.port.in.console.ManageVncControllersUseCase;
import com.pveams.application.port.in.console.VncControllerView;
import com.pveams.application.port.out.VncControllerRepository;
import com.pveams.domain.console.VncController;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Console front-ends. Only the name must be unique: one host may serve several public domains. */
@Singleton
public class VncControllerService implements ManageVncControllersUseCase {
    private final VncControllerRepository controllers;
    private final Clock clock;

    @Inject
    public VncControllerService(VncControllerRepository controllers, Clock clock) {
        this.controllers = controllers;
        this.clock = clock;
    }

    @Override
    @Transactional
    public VncControllerView add(AddVncControllerCommand c) {
        VncController controller = VncController.create(c.name(), c.host(), c.port(), c.domain(), c.protocol(),
                c.active(), clock.instant());
        return controllers.insertIfNameFree(controller).map(VncControllerView::of)
                .orElseThrow(VncController::duplicateName);
    }

    @Override
    @Transactional
    public Page<VncControllerView> list(PageRequest request) {
        return controllers.page(request).map(VncControllerView::of);
    }

    @Override
    @Transactional
    public VncControllerView update(UpdateVncControllerCommand command) {
        VncController controller = controllers.findByIdForUpdate(command.id()).orElseThrow(VncController::notFound);
        String newName = command.patch().name();
        if (newName != null && !newName.equals(controller.name()) && controllers.nameTakenByAnother(newName, controller.id())) {
            throw VncController.duplicateName();
        }
        controller.apply(command.patch());
        controllers.update(controller);
        return VncControllerView.of(controller);
    }

    @Override
    @Transactional
    public void delete(long id) {
        if (!controllers.delete(id)) {
            throw VncController.notFound();
        }
    }
}
