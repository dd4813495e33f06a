package com.pveams.adapters.persistence.region;

import com.pveams.adapters.persistence.ConstraintViolations;
import com.pveams.adapters.persistence.NativeInserts;
import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.RegionRepository;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.region.Region;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

@ApplicationScoped
public class RegionPersistenceAdapter implements RegionRepository {
    /**
     * fk_region_parent fails when the parent was deleted or made a child meanwhile (on insert/update of the child)
     * or when a region gained a child meanwhile (on delete, or on making it a child).
     */
    private static final Map<String, Supplier<DomainException>> ON_WRITE = Map.of(
            "uq_region_name", Region::duplicateName,
            "fk_region_parent", () -> DomainException.invalid("parent", "必须是现有的顶级地区（地区只有两级）",
                    "must be an existing top-level region (regions have two levels)"),
            "ck_region_not_own_parent", () -> DomainException.invalid("parent", "不能是地区自身", "cannot be the region itself"));
    private static final Map<String, Supplier<DomainException>> ON_DELETE = Map.of(
            "fk_region_parent", () -> DomainException.failure("该地区下还有子地区，请先删除或移走子地区",
                    "This region still has child regions; delete or move them first"));

    private final RegionEntityRepository repo;

    @Inject
    public RegionPersistenceAdapter(RegionEntityRepository repo) {
        this.repo = repo;
    }

    @Override
    public Optional<Region> insertIfNameFree(Region region) {
        Optional<Long> id;
        try {
            id = NativeInserts.insertUnlessConflict(repo.getEntityManager(), """
                            INSERT INTO region (name, geo, parent_id, created_at, updated_at)
                            VALUES (?1, ?2, ?3, ?4, ?4)
                            ON CONFLICT (name) DO NOTHING
                            RETURNING id""",
                    region.name(), region.geo(), region.parentId(), region.createdAt());
        } catch (RuntimeException e) {
            throw ConstraintViolations.translate(e, ON_WRITE);
        }
        return id.flatMap(this::findById);
    }

    @Override
    public Optional<Region> findById(long id) {
        return repo.findByIdOptional(id).map(RegionPersistenceAdapter::toDomain);
    }

    @Override
    public Optional<Region> findByIdForUpdate(long id) {
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(RegionPersistenceAdapter::toDomain);
    }

    @Override
    public boolean nameTakenByAnother(String name, Long exceptId) {
        return exceptId == null ? repo.count("name", name) > 0 : repo.count("name = ?1 and id <> ?2", name, exceptId) > 0;
    }

    @Override
    public long countChildren(long id) {
        return repo.count("parentId", id);
    }

    @Override
    public void update(Region region) {
        RegionEntity e = repo.findById(region.id());
        if (e == null) {
            throw Region.notFound();
        }
        e.name = region.name();
        e.geo = region.geo();
        e.parentId = region.parentId();
        ConstraintViolations.flush(repo.getEntityManager(), ON_WRITE);
    }

    @Override
    public boolean delete(long id) {
        long[] deleted = new long[1];
        // a bulk delete runs now, so a violation surfaces here rather than at commit
        ConstraintViolations.run(() -> deleted[0] = repo.delete("id", id), ON_DELETE);
        return deleted[0] > 0;
    }

    @Override
    public Page<Region> page(PageRequest request) {
        return Pages.of(repo.find("order by id"), request, RegionPersistenceAdapter::toDomain);
    }

    @Override
    public Page<Region> pageChildren(long parentId, PageRequest request) {
        return Pages.of(repo.find("parentId = ?1 order by id", parentId), request, RegionPersistenceAdapter::toDomain);
    }

    @Override
    public Page<Region> pageTopLevel(PageRequest request) {
        return Pages.of(repo.find("parentId is null order by id"), request, RegionPersistenceAdapter::toDomain);
    }

    private static Region toDomain(RegionEntity e) {
        return new Region(e.id, e.name, e.geo, e.parentId, e.createdAt);
    }
}
