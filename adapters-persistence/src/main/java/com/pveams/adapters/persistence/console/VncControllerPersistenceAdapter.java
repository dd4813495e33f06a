package com.pveams.adapters.persistence.console;

import com.pveams.adapters.persistence.ConstraintViolations;
import com.pveams.adapters.persistence.NativeInserts;
import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.VncControllerRepository;
import com.pveams.domain.console.ConsoleProtocol;
import com.pveams.domain.console.VncController;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

@ApplicationScoped
public class VncControllerPersistenceAdapter implements VncControllerRepository {
    private static final Map<String, Supplier<DomainException>> ON_WRITE = Map.of(
            "uq_vnc_controller_name", VncController::duplicateName);

    private final VncControllerEntityRepository repo;

    @Inject
    public VncControllerPersistenceAdapter(VncControllerEntityRepository repo) {
        this.repo = repo;
    }

    @Override
    public Optional<VncController> insertIfNameFree(VncController c) {
        // node_id is left out: front-ends added through this port are not tied to a node
        return NativeInserts.insertUnlessConflict(repo.getEntityManager(), """
                        INSERT INTO vnc_controller (name, host, port, domain, protocol, status, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                        ON CONFLICT (name) DO NOTHING
                        RETURNING id""",
                c.name(), c.host(), c.port(), c.domain(), (short) c.protocol().code(), (short) c.statusCode(),
                c.createdAt()).flatMap(id -> repo.findByIdOptional(id).map(VncControllerPersistenceAdapter::toDomain));
    }

    @Override
    public Optional<VncController> findByIdForUpdate(long id) {
        return repo.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(VncControllerPersistenceAdapter::toDomain);
    }

    @Override
    public boolean nameTakenByAnother(String name, long exceptId) {
        return repo.count("name = ?1 and id <> ?2", name, exceptId) > 0;
    }

    @Override
    public void update(VncController c) {
        VncControllerEntity e = repo.findById(c.id());
        if (e == null) {
            throw VncController.notFound();
        }
        e.name = c.name();
        e.host = c.host();
        e.port = c.port();
        e.domain = c.domain();
        e.protocol = (short) c.protocol().code();
        e.status = (short) c.statusCode();
        ConstraintViolations.flush(repo.getEntityManager(), ON_WRITE);
    }

    @Override
    public boolean delete(long id) {
        return repo.delete("id", id) > 0;
    }

    @Override
    public Page<VncController> page(PageRequest request) {
        return Pages.of(repo.find("order by id"), request, VncControllerPersistenceAdapter::toDomain);
    }

    static VncController toDomain(VncControllerEntity e) {
        return new VncController(e.id, e.name, e.nodeId, e.host, e.port, e.domain, ConsoleProtocol.fromCode((int) e.protocol),
                e.status == 0, e.createdAt);
    }
}
