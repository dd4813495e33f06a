package com.pveams.adapters.persistence.access;

import com.pveams.adapters.persistence.NativeInserts;
import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.AdminRepository;
import com.pveams.domain.access.Admin;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

@ApplicationScoped
public class AdminPersistenceAdapter implements AdminRepository {
    private final AdminEntityRepository repo;
    private final PostgresCredentialChangeFeed changes;

    @Inject
    public AdminPersistenceAdapter(AdminEntityRepository repo, PostgresCredentialChangeFeed changes) {
        this.repo = repo;
        this.changes = changes;
    }

    @Override
    public Optional<Admin> findById(long id) {
        return repo.findByIdOptional(id).map(AdminPersistenceAdapter::toDomain);
    }

    @Override
    public Optional<Admin> findByUsername(String username) {
        return repo.find("username", username).firstResultOptional().map(AdminPersistenceAdapter::toDomain);
    }

    @Override
    public Page<Admin> page(PageRequest request) {
        return Pages.of(repo.find("order by id"), request, AdminPersistenceAdapter::toDomain);
    }

    @Override
    public Optional<Admin> insertIfUsernameFree(Admin admin) {
        return NativeInserts.insertUnlessConflict(repo.getEntityManager(), """
                        INSERT INTO admin_account (username, password_hash, credential_version, name, phone, email, created_at, last_login_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (username) DO NOTHING
                        RETURNING id""",
                admin.username(), admin.passwordHash(), admin.credentialVersion(), admin.name(), admin.phone(),
                admin.email(), admin.createdAt(), admin.lastLoginAt()).flatMap(this::findById);
    }

    @Override
    public boolean update(Admin admin) {
        if (repo.count("username = ?1 and id <> ?2", admin.username(), admin.id()) > 0) {
            return false;
        }
        AdminEntity e = repo.findById(admin.id());
        if (e == null) {
            return false;
        }
        if (!e.username.equals(admin.username()) || !e.passwordHash.equals(admin.passwordHash())
                || e.credentialVersion != admin.credentialVersion()) {
            changes.announceAfterCommit(l -> l.adminChanged(admin.id()));
        }
        e.username = admin.username();
        e.passwordHash = admin.passwordHash();
        e.credentialVersion = admin.credentialVersion();
        e.name = admin.name();
        e.phone = admin.phone();
        e.email = admin.email();
        e.lastLoginAt = admin.lastLoginAt();
        return true;
    }

    @Override
    public boolean delete(long id) {
        boolean deleted = repo.deleteById(id);
        if (deleted) {
            changes.announceAfterCommit(l -> l.adminChanged(id));
        }
        return deleted;
    }

    @Override
    public long count() {
        return repo.count();
    }

    static Admin toDomain(AdminEntity e) {
        return new Admin(e.id, e.username, e.passwordHash, e.credentialVersion, e.name, e.phone, e.email,
                e.createdAt, e.lastLoginAt);
    }
}
