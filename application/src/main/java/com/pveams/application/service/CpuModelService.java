package com.pveams.application.service;

import com.pveams.application.port.in.hardware.ManageCpuModelsUseCase;
import com.pveams.application.port.out.hardware.CatalogReferences;
import com.pveams.application.port.out.hardware.CpuModelRepository;
import com.pveams.application.port.out.hardware.ModelGroupRepository;
import com.pveams.application.port.out.hardware.SmbiosModelRepository;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.hardware.ModelGroup;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** CPU identity models. An edit re-renders the args of every group built from the model, in the same transaction. */
@Singleton
public class CpuModelService implements ManageCpuModelsUseCase {
    private final CpuModelRepository models;
    private final SmbiosModelRepository smbios;
    private final ModelGroupRepository groups;
    private final CatalogReferences references;
    private final Clock clock;

    @Inject
    public CpuModelService(CpuModelRepository models, SmbiosModelRepository smbios, ModelGroupRepository groups,
                           CatalogReferences references, Clock clock) {
        this.models = models;
        this.smbios = smbios;
        this.groups = groups;
        this.references = references;
        this.clock = clock;
    }

    @Override
    @Transactional
    public CpuModel create(CpuModel.Patch fields) {
        if (fields == null) {
            throw DomainException.required("body");
        }
        return models.insert(new CpuModel(null, clock.instant(), fields.toSpec()));
    }

    @Override
    @Transactional
    public CpuModel update(UpdateCpuModelCommand command) {
        CpuModel revised = models.lockForUpdate(command.id()).orElseThrow(CpuModelService::notFound)
                .revise(command.fields());
        models.update(revised);
        for (ModelGroup g : groups.lockUsingCpuModel(revised.id())) {
            groups.update(g.recompose(revised, smbios.lockForReference(g.smbiosModelIds())));
        }
        return revised;
    }

    @Override
    @Transactional
    public CpuModel get(long id) {
        return models.findById(id).orElseThrow(CpuModelService::notFound);
    }

    @Override
    @Transactional
    public Page<CpuModel> list(PageRequest request) {
        return models.page(request);
    }

    @Override
    @Transactional
    public void delete(long id) {
        models.lockForUpdate(id).orElseThrow(CpuModelService::notFound);
        references.userOfCpuModel(id).ifPresent(r -> {
            throw r.refuseDeletion("CPU模型", "CPU model");
        });
        models.delete(id);
    }

    static DomainException notFound() {
        return DomainException.failure("CPU模型不存在", "CPU model does not exist");
    }
}
