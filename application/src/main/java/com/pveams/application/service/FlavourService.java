package com.pveams.application.service;

import com.pveams.application.port.in.flavour.ManageFlavoursUseCase;
import com.pveams.application.port.out.flavour.FlavourRepository;
import com.pveams.application.port.out.hardware.CpuModelRepository;
import com.pveams.application.port.out.hardware.ModelGroupRepository;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.flavour.Flavour;
import com.pveams.domain.flavour.FlavourSpec;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Flavours. The CPU model and model group a flavour names must exist (and are held until it is saved). */
@Singleton
public class FlavourService implements ManageFlavoursUseCase {
    private final FlavourRepository flavours;
    private final CpuModelRepository cpus;
    private final ModelGroupRepository groups;
    private final Clock clock;

    @Inject
    public FlavourService(FlavourRepository flavours, CpuModelRepository cpus, ModelGroupRepository groups, Clock clock) {
        this.flavours = flavours;
        this.cpus = cpus;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Flavour create(FlavourSpec.Draft draft) {
        if (draft == null) {
            throw DomainException.required("body");
        }
        Flavour flavour = Flavour.define(draft, clock.instant());
        requireReferences(flavour.spec());
        return flavours.insertIfNameFree(flavour).orElseThrow(FlavourService::nameTaken);
    }

    @Override
    @Transactional
    public Flavour update(UpdateFlavourCommand command) {
        Flavour revised = flavours.lockForUpdate(command.id())
                .orElseThrow(() -> new DomainException(ErrorCode.CONFIGURE_TEMPLATE_NOT_EXIST))
                .revise(command.draft());
        requireReferences(revised.spec());
        if (!flavours.update(revised)) {
            throw nameTaken();
        }
        return revised;
    }

    @Override
    @Transactional
    public Page<Flavour> list(PageRequest request) {
        return flavours.page(request);
    }

    @Override
    @Transactional
    public void delete(long id) {
        flavours.lockForUpdate(id).orElseThrow(() -> new DomainException(ErrorCode.CONFIGURE_TEMPLATE_NOT_EXIST));
        flavours.delete(id);
    }

    private void requireReferences(FlavourSpec s) {
        if (s.cpuModelId() != null && cpus.lockForReference(s.cpuModelId()).isEmpty()) {
            throw DomainException.invalid("cpuModel", "CPU模型 " + s.cpuModelId() + " 不存在",
                    "names CPU model " + s.cpuModelId() + ", which does not exist");
        }
        if (s.modelGroupId() != null && groups.lockForReference(s.modelGroupId()).isEmpty()) {
            throw DomainException.invalid("modelGroup", "模型组 " + s.modelGroupId() + " 不存在",
                    "names model group " + s.modelGroupId() + ", which does not exist");
        }
    }

    private static DomainException nameTaken() {
        return DomainException.failure("该配置模板名称已存在", "A flavour with this name already exists");
    }
}
