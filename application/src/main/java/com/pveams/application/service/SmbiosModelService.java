package com.pveams.application.service;

import com.pveams.application.port.in.hardware.ManageSmbiosModelsUseCase;
import com.pveams.application.port.out.hardware.CatalogReferences;
import com.pveams.application.port.out.hardware.CpuModelRepository;
import com.pveams.application.port.out.hardware.ModelGroupRepository;
import com.pveams.application.port.out.hardware.SmbiosModelRepository;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.hardware.ModelGroup;
import com.pveams.domain.hardware.SmbiosModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;

/** SMBIOS models. An edit re-renders the args of every group built from the model, in the same transaction. */
@Singleton
public class SmbiosModelService implements ManageSmbiosModelsUseCase {
    private final SmbiosModelRepository models;
    private final CpuModelRepository cpus;
    private final ModelGroupRepository groups;
    private final CatalogReferences references;
    private final Clock clock;

    @Inject
    public SmbiosModelService(SmbiosModelRepository models, CpuModelRepository cpus, ModelGroupRepository groups,
                              CatalogReferences references, Clock clock) {
        this.models = models;
        this.cpus = cpus;
        this.groups = groups;
        this.references = references;
        this.clock = clock;
    }

    @Override
    @Transactional
    public SmbiosModel create(SmbiosCommand command) {
        if (command == null) {
            throw DomainException.required("body");
        }
        return models.insert(new SmbiosModel(null, clock.instant(),
                SmbiosModel.Spec.parse(command.type(), command.model(), command.info())));
    }

    @Override
    @Transactional
    public SmbiosModel update(long id, SmbiosCommand command) {
        if (command == null) {
            throw DomainException.required("body");
        }
        SmbiosModel current = models.lockForUpdate(id).orElseThrow(SmbiosModelService::notFound);
        SmbiosModel.Spec s = current.spec();
        SmbiosModel.Spec next;
        if (command.model() != null) {
            next = SmbiosModel.Spec.parse(command.type() == null ? s.type() : command.type(), command.model(),
                    command.info() == null ? s.info() : command.info());
        } else {
            // the stored fields must also fit a changed type
            next = SmbiosModel.Spec.parse(command.type() == null ? s.type() : command.type(), s.fields(),
                    command.info() == null ? s.info() : command.info());
        }
        SmbiosModel revised = current.revise(next);
        models.update(revised);
        for (ModelGroup g : groups.lockUsingSmbiosModel(id)) {
            CpuModel cpu = g.cpuModelId() == null ? null : cpus.lockForReference(g.cpuModelId()).orElse(null);
            List<SmbiosModel> members = models.lockForReference(g.smbiosModelIds());
            groups.update(g.recompose(cpu, members));
        }
        return revised;
    }

    @Override
    @Transactional
    public SmbiosModel get(long id) {
        return models.findById(id).orElseThrow(SmbiosModelService::notFound);
    }

    @Override
    @Transactional
    public Page<SmbiosModel> list(PageRequest request) {
        return models.page(request);
    }

    @Override
    @Transactional
    public void delete(long id) {
        models.lockForUpdate(id).orElseThrow(SmbiosModelService::notFound);
        references.userOfSmbiosModel(id).ifPresent(r -> {
            throw r.refuseDeletion("SMBIOS模型", "SMBIOS model");
        });
        models.delete(id);
    }

    static DomainException notFound() {
        return DomainException.failure("SMBIOS模型不存在", "SMBIOS model does not exist");
    }
}
