package com.pveams.application.service;

import com.pveams.application.port.in.hardware.ManageModelGroupsUseCase;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Model groups. The models a group names must exist and are held until the group is saved, so a concurrent
 * delete of one of them either waits and is refused, or wins and this save reports the missing model.
 */
@Singleton
public class ModelGroupService implements ManageModelGroupsUseCase {
    private final ModelGroupRepository groups;
    private final CpuModelRepository cpus;
    private final SmbiosModelRepository smbios;
    private final CatalogReferences references;
    private final Clock clock;

    @Inject
    public ModelGroupService(ModelGroupRepository groups, CpuModelRepository cpus, SmbiosModelRepository smbios,
                             CatalogReferences references, Clock clock) {
        this.groups = groups;
        this.cpus = cpus;
        this.smbios = smbios;
        this.references = references;
        this.clock = clock;
    }

    @Override
    @Transactional
    public ModelGroup create(ModelGroupCommand command) {
        if (command == null) {
            throw DomainException.required("body");
        }
        ModelGroup group = ModelGroup.compose(null, clock.instant(), cpuModel(command.cpuModel()),
                smbiosModels(ModelGroup.parseSmbiosIds(command.smbiosModel())), command.info());
        return groups.insert(group);
    }

    @Override
    @Transactional
    public ModelGroup update(long id, ModelGroupCommand command) {
        if (command == null) {
            throw DomainException.required("body");
        }
        ModelGroup current = groups.lockForUpdate(id).orElseThrow(ModelGroupService::notFound);
        Long cpuId = command.cpuModel() == null ? current.cpuModelId() : command.cpuModel();
        List<Long> smbiosIds = command.smbiosModel() == null ? current.smbiosModelIds()
                : ModelGroup.parseSmbiosIds(command.smbiosModel());
        ModelGroup revised = ModelGroup.compose(current.id(), current.createdAt(), cpuModel(cpuId),
                smbiosModels(smbiosIds), command.info() == null ? current.info() : command.info());
        groups.update(revised);
        return revised;
    }

    @Override
    @Transactional
    public ModelGroup get(long id) {
        return groups.findById(id).orElseThrow(ModelGroupService::notFound);
    }

    @Override
    @Transactional
    public Page<ModelGroup> list(PageRequest request) {
        return groups.page(request);
    }

    @Override
    @Transactional
    public void delete(long id) {
        groups.lockForUpdate(id).orElseThrow(ModelGroupService::notFound);
        references.userOfModelGroup(id).ifPresent(r -> {
            throw r.refuseDeletion("模型组", "model group");
        });
        groups.delete(id);
    }

    private CpuModel cpuModel(Long id) {
        if (id == null || id == 0) {
            return null;
        }
        if (id < 0) {
            throw DomainException.invalid("cpuModel", "必须是正整数", "must be a positive integer");
        }
        return cpus.lockForReference(id).orElseThrow(() -> DomainException.invalid("cpuModel",
                "CPU模型 " + id + " 不存在", "names CPU model " + id + ", which does not exist"));
    }

    private List<SmbiosModel> smbiosModels(List<Long> ids) {
        List<SmbiosModel> found = smbios.lockForReference(ids);
        if (found.size() != ids.size()) {
            Set<Long> present = found.stream().map(SmbiosModel::id).collect(Collectors.toSet());
            List<Long> missing = ids.stream().filter(i -> !present.contains(i)).toList();
            throw DomainException.invalid("smbiosModel", "SMBIOS模型 " + missing + " 不存在",
                    "names SMBIOS models " + missing + ", which do not exist");
        }
        return found;
    }

    static DomainException notFound() {
        return DomainException.failure("模型组不存在", "Model group does not exist");
    }
}
