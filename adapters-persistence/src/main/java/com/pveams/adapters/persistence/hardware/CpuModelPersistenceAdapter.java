package com.pveams.adapters.persistence.hardware;

import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.hardware.CpuModelRepository;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.Optional;

@ApplicationScoped
public class CpuModelPersistenceAdapter implements CpuModelRepository {
    private final CpuModelEntityRepository repo;

    @Inject
    public CpuModelPersistenceAdapter(CpuModelEntityRepository repo) {
        this.repo = repo;
    }

    @Override
    public CpuModel insert(CpuModel model) {
        CpuModelEntity e = new CpuModelEntity();
        e.createdAt = model.createdAt();
        copy(model, e);
        repo.persistAndFlush(e);
        return toDomain(e);
    }

    @Override
    public Optional<CpuModel> findById(long id) {
        return repo.findByIdOptional(id).map(CpuModelPersistenceAdapter::toDomain);
    }

    @Override
    public Optional<CpuModel> lockForReference(long id) {
        // FOR SHARE: conflicts with a delete's FOR UPDATE, not with other references
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_READ).map(CpuModelPersistenceAdapter::toDomain);
    }

    @Override
    public Optional<CpuModel> lockForUpdate(long id) {
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(CpuModelPersistenceAdapter::toDomain);
    }

    @Override
    public Page<CpuModel> page(PageRequest request) {
        return Pages.of(repo.find("order by createdAt desc, id desc"), request, CpuModelPersistenceAdapter::toDomain);
    }

    @Override
    public void update(CpuModel model) {
        CpuModelEntity e = repo.findById(model.id());
        copy(model, e);
        repo.flush();
    }

    @Override
    public void delete(long id) {
        repo.deleteById(id);
        repo.flush();
    }

    private static void copy(CpuModel m, CpuModelEntity e) {
        CpuModel.Spec s = m.spec();
        e.name = s.name();
        e.family = s.family();
        e.model = s.model();
        e.stepping = s.stepping();
        e.level = s.level();
        e.xlevel = s.xlevel();
        e.vendor = s.vendor();
        e.l3Cache = s.l3Cache();
        e.extraFlags = s.extraFlagsText();
    }

    static CpuModel toDomain(CpuModelEntity e) {
        return new CpuModel(e.id, e.createdAt, new CpuModel.Spec(e.name, e.family, e.model, e.stepping, e.level,
                e.xlevel, e.vendor, e.l3Cache, CpuModel.parseFlags(e.extraFlags)));
    }
}
