package com.pveams.adapters.persistence.hardware;

import com.pveams.adapters.persistence.JsonColumns;
import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.hardware.SmbiosModelRepository;
import com.pveams.domain.hardware.SmbiosModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class SmbiosModelPersistenceAdapter implements SmbiosModelRepository {
    private final SmbiosModelEntityRepository repo;

    @Inject
    public SmbiosModelPersistenceAdapter(SmbiosModelEntityRepository repo) {
        this.repo = repo;
    }

    @Override
    public SmbiosModel insert(SmbiosModel model) {
        SmbiosModelEntity e = new SmbiosModelEntity();
        e.createdAt = model.createdAt();
        copy(model, e);
        repo.persistAndFlush(e);
        return toDomain(e);
    }

    @Override
    public Optional<SmbiosModel> findById(long id) {
        return repo.findByIdOptional(id).map(SmbiosModelPersistenceAdapter::toDomain);
    }

    @Override
    public List<SmbiosModel> lockForReference(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, SmbiosModel> found = new LinkedHashMap<>();
        // ordered by id so concurrent lockers take the rows in the same order
        repo.find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_READ).list()
                .forEach(e -> found.put(e.id, toDomain(e)));
        List<SmbiosModel> ordered = new ArrayList<>();
        for (Long id : ids) {
            SmbiosModel m = found.get(id);
            if (m != null) {
                ordered.add(m);
            }
        }
        return ordered;
    }

    @Override
    public Optional<SmbiosModel> lockForUpdate(long id) {
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(SmbiosModelPersistenceAdapter::toDomain);
    }

    @Override
    public Page<SmbiosModel> page(PageRequest request) {
        return Pages.of(repo.find("order by createdAt desc, id desc"), request, SmbiosModelPersistenceAdapter::toDomain);
    }

    @Override
    public void update(SmbiosModel model) {
        copy(model, repo.findById(model.id()));
        repo.flush();
    }

    @Override
    public void delete(long id) {
        repo.deleteById(id);
        repo.flush();
    }

    private static void copy(SmbiosModel m, SmbiosModelEntity e) {
        e.type = (short) m.spec().type();
        e.model = JsonColumns.write(m.spec().fields());
        e.info = m.spec().info();
    }

    static SmbiosModel toDomain(SmbiosModelEntity e) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonColumns.read(e.model).forEach((k, v) -> fields.put(k, String.valueOf(v)));
        return new SmbiosModel(e.id, e.createdAt, new SmbiosModel.Spec(e.type, fields, e.info));
    }
}
