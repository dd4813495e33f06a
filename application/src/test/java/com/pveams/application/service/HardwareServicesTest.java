package com.pveams.application.service;

import com.pveams.application.port.in.hardware.ManageCpuModelsUseCase.UpdateCpuModelCommand;
import com.pveams.application.port.in.hardware.ManageModelGroupsUseCase.ModelGroupCommand;
import com.pveams.application.port.in.hardware.ManageSmbiosModelsUseCase.SmbiosCommand;
import com.pveams.application.port.out.hardware.CatalogReferences;
import com.pveams.application.port.out.hardware.CpuModelRepository;
import com.pveams.application.port.out.hardware.ModelGroupRepository;
import com.pveams.application.port.out.hardware.SmbiosModelRepository;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.hardware.ModelGroup;
import com.pveams.domain.hardware.Referrer;
import com.pveams.domain.hardware.SmbiosModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareServicesTest {
    /** One in-memory table per kind; enough to exercise the services' orchestration. */
    static final class Table<T> {
        final TreeMap<Long, T> rows = new TreeMap<>();
        long next = 1;

        Page<T> page(PageRequest r) {
            return new Page<>(new ArrayList<>(rows.values()), rows.size(), r.page(), r.size());
        }
    }

    final Table<CpuModel> cpus = new Table<>();
    final Table<SmbiosModel> smbios = new Table<>();
    final Table<ModelGroup> groups = new Table<>();
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    final CpuModelRepository cpuRepo = new CpuModelRepository() {
        public CpuModel insert(CpuModel m) {
            CpuModel saved = new CpuModel(cpus.next++, m.createdAt(), m.spec());
            cpus.rows.put(saved.id(), saved);
            return saved;
        }
        public Optional<CpuModel> findById(long id) { return Optional.ofNullable(cpus.rows.get(id)); }
        public Optional<CpuModel> lockForReference(long id) { return findById(id); }
        public Optional<CpuModel> lockForUpdate(long id) { return findById(id); }
        public Page<CpuModel> page(PageRequest r) { return cpus.page(r); }
        public void update(CpuModel m) { cpus.rows.put(m.id(), m); }
        public void delete(long id) { cpus.rows.remove(id); }
    };

    final SmbiosModelRepository smbiosRepo = new SmbiosModelRepository() {
        public SmbiosModel insert(SmbiosModel m) {
            SmbiosModel saved = new SmbiosModel(smbios.next++, m.createdAt(), m.spec());
            smbios.rows.put(saved.id(), saved);
            return saved;
        }
        public Optional<SmbiosModel> findById(long id) { return Optional.ofNullable(smbios.rows.get(id)); }
        public List<SmbiosModel> lockForReference(List<Long> ids) {
            return ids.stream().map(smbios.rows::get).filter(java.util.Objects::nonNull).toList();
        }
        public Optional<SmbiosModel> lockForUpdate(long id) { return findById(id); }
        public Page<SmbiosModel> page(PageRequest r) { return smbios.page(r); }
        public void update(SmbiosModel m) { smbios.rows.put(m.id(), m); }
        public void delete(long id) { smbios.rows.remove(id); }
    };

    final ModelGroupRepository groupRepo = new ModelGroupRepository() {
        public ModelGroup insert(ModelGroup g) {
            ModelGroup saved = new ModelGroup(groups.next++, g.createdAt(), g.cpuModelId(), g.smbiosModelIds(), g.info(), g.args());
            groups.rows.put(saved.id(), saved);
            return saved;
        }
        public Optional<ModelGroup> findById(long id) { return Optional.ofNullable(groups.rows.get(id)); }
        public Optional<ModelGroup> lockForReference(long id) { return findById(id); }
        public Optional<ModelGroup> lockForUpdate(long id) { return findById(id); }
        public Page<ModelGroup> page(PageRequest r) { return groups.page(r); }
        public void update(ModelGroup g) { groups.rows.put(g.id(), g); }
        public void delete(long id) { groups.rows.remove(id); }
        public List<ModelGroup> lockUsingCpuModel(long id) {
            return groups.rows.values().stream().filter(g -> Long.valueOf(id).equals(g.cpuModelId())).toList();
        }
        public List<ModelGroup> lockUsingSmbiosModel(long id) {
            return groups.rows.values().stream().filter(g -> g.smbiosModelIds().contains(id)).toList();
        }
    };

    final CatalogReferences references = new CatalogReferences() {
        public Optional<Referrer> userOfCpuModel(long id) {
            return groupRepo.lockUsingCpuModel(id).stream().findFirst().map(g -> new Referrer(Referrer.Kind.MODEL_GROUP, g.id(), g.info()));
        }
        public Optional<Referrer> userOfSmbiosModel(long id) {
            return groupRepo.lockUsingSmbiosModel(id).stream().findFirst().map(g -> new Referrer(Referrer.Kind.MODEL_GROUP, g.id(), g.info()));
        }
        public Optional<Referrer> userOfModelGroup(long id) {
            return Optional.empty();
        }
    };

    final CpuModelService cpuService = new CpuModelService(cpuRepo, smbiosRepo, groupRepo, references, clock);
    final SmbiosModelService smbiosService = new SmbiosModelService(smbiosRepo, cpuRepo, groupRepo, references, clock);
    final ModelGroupService groupService = new ModelGroupService(groupRepo, cpuRepo, smbiosRepo, references, clock);

    CpuModel cpu(String name) {
        return cpuService.create(new CpuModel.Patch(name, 6, null, null, null, null, "GenuineIntel", null, null));
    }

    @Test
    void aGroupNamingMissingModelsIsNotSaved() {
        SmbiosModel s = smbiosService.create(new SmbiosCommand(0, Map.of("vendor", "AMI"), null));
        DomainException e = assertThrows(DomainException.class,
                () -> groupService.create(new ModelGroupCommand(null, s.id() + ",99", "g")));
        assertEquals("smbiosModel", e.field().orElseThrow());
        assertTrue(e.render(true).contains("[99]"));
        assertEquals("cpuModel", assertThrows(DomainException.class,
                () -> groupService.create(new ModelGroupCommand(42L, null, "g"))).field().orElseThrow());
        assertTrue(groups.rows.isEmpty());
    }

    @Test
    void editingModelsReRendersTheirGroups() {
        CpuModel c = cpu("Old");
        SmbiosModel s = smbiosService.create(new SmbiosCommand(0, Map.of("vendor", "AMI"), null));
        ModelGroup g = groupService.create(new ModelGroupCommand(c.id(), String.valueOf(s.id()), "g"));
        cpuService.update(new UpdateCpuModelCommand(c.id(), new CpuModel.Patch("New", null, null, null, null, null, null, null, null)));
        smbiosService.update(s.id(), new SmbiosCommand(null, Map.of("vendor", "Phoenix"), null));
        assertEquals("model-id='New',family=6,vendor='GenuineIntel',l3-cache=off -smbios type=0,vendor='Phoenix'",
                groupRepo.findById(g.id()).orElseThrow().args());
    }

    @Test
    void modelsInUseStay() {
        CpuModel c = cpu("Used");
        ModelGroup g = groupService.create(new ModelGroupCommand(c.id(), null, "users"));
        DomainException e = assertThrows(DomainException.class, () -> cpuService.delete(c.id()));
        assertTrue(e.render(true).contains("model group #" + g.id() + " (users)"));
        assertTrue(cpus.rows.containsKey(c.id()));
        groupService.delete(g.id());
        cpuService.delete(c.id());
        assertTrue(cpus.rows.isEmpty());
    }
}
