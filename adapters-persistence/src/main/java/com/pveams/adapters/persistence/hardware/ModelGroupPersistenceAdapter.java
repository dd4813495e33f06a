package com.pveams.adapters.persistence.hardware;

import com.pveams.application.port.out.hardware.ModelGroupRepository;
import com.pveams.domain.hardware.ModelGroup;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A group is its row plus its ordered {@code model_group_smbios} rows (the legacy "1,2" id string). */
@ApplicationScoped
public class ModelGroupPersistenceAdapter implements ModelGroupRepository {
    private final ModelGroupEntityRepository repo;

    @Inject
    public ModelGroupPersistenceAdapter(ModelGroupEntityRepository repo) {
        this.repo = repo;
    }

    @Override
    public ModelGroup insert(ModelGroup group) {
        ModelGroupEntity e = new ModelGroupEntity();
        e.createdAt = group.createdAt();
        copy(group, e);
        repo.persistAndFlush(e);
        writeSmbios(e.id, group.smbiosModelIds());
        return toDomain(e, group.smbiosModelIds());
    }

    @Override
    public Optional<ModelGroup> findById(long id) {
        return repo.findByIdOptional(id).map(this::withSmbios);
    }

    @Override
    public Optional<ModelGroup> lockForReference(long id) {
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_READ).map(this::withSmbios);
    }

    @Override
    public Optional<ModelGroup> lockForUpdate(long id) {
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(this::withSmbios);
    }

    @Override
    public Page<ModelGroup> page(PageRequest request) {
        PanacheQuery<ModelGroupEntity> q = repo.find("order by createdAt desc, id desc");
        List<ModelGroupEntity> rows = q.page(io.quarkus.panache.common.Page.of(request.page() - 1, request.size())).list();
        Map<Long, List<Long>> smbios = smbiosOf(rows.stream().map(r -> r.id).toList());
        return new Page<>(rows.stream().map(r -> toDomain(r, smbios.getOrDefault(r.id, List.of()))).toList(),
                q.count(), request.page(), request.size());
    }

    @Override
    public void update(ModelGroup group) {
        copy(group, repo.findById(group.id()));
        repo.flush();
        writeSmbios(group.id(), group.smbiosModelIds());
    }

    @Override
    public void delete(long id) {
        // model_group_smbios rows go with the group (ON DELETE CASCADE)
        repo.deleteById(id);
        repo.flush();
    }

    @Override
    public List<ModelGroup> lockUsingCpuModel(long cpuModelId) {
        return repo.find("cpuModelId = ?1 order by id", cpuModelId).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .stream().map(this::withSmbios).toList();
    }

    @Override
    public List<ModelGroup> lockUsingSmbiosModel(long smbiosModelId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em().createNativeQuery(
                        "SELECT model_group_id FROM model_group_smbios WHERE smbios_model_id = ?1 ORDER BY model_group_id")
                .setParameter(1, smbiosModelId).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return repo.find("id in ?1 order by id", ids.stream().map(Number::longValue).toList())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().stream().map(this::withSmbios).toList();
    }

    private EntityManager em() {
        return repo.getEntityManager();
    }

    private void writeSmbios(long groupId, List<Long> smbiosIds) {
        em().createNativeQuery("DELETE FROM model_group_smbios WHERE model_group_id = ?1")
                .setParameter(1, groupId).executeUpdate();
        for (int i = 0; i < smbiosIds.size(); i++) {
            em().createNativeQuery("INSERT INTO model_group_smbios (model_group_id, smbios_model_id, position) VALUES (?1, ?2, ?3)")
                    .setParameter(1, groupId).setParameter(2, smbiosIds.get(i)).setParameter(3, (short) i).executeUpdate();
        }
    }

    private Map<Long, List<Long>> smbiosOf(List<Long> groupIds) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (groupIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("""
                        SELECT model_group_id, smbios_model_id FROM model_group_smbios
                         WHERE model_group_id IN (?1) ORDER BY model_group_id, position""")
                .setParameter(1, groupIds).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(((Number) r[1]).longValue());
        }
        return out;
    }

    private ModelGroup withSmbios(ModelGroupEntity e) {
        return toDomain(e, smbiosOf(List.of(e.id)).getOrDefault(e.id, List.of()));
    }

    private static void copy(ModelGroup g, ModelGroupEntity e) {
        e.cpuModelId = g.cpuModelId();
        e.args = g.args();
        e.info = g.info();
    }

    private static ModelGroup toDomain(ModelGroupEntity e, List<Long> smbiosIds) {
        return new ModelGroup(e.id, e.createdAt, e.cpuModelId, smbiosIds, e.info, e.args);
    }
}
