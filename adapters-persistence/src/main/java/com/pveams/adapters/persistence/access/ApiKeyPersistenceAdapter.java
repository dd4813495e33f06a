package com.pveams.adapters.persistence.access;

import com.pveams.adapters.persistence.NativeInserts;
import com.pveams.adapters.persistence.Pages;
import com.pveams.application.port.out.ApiKeyRepository;
import com.pveams.domain.access.ApiKey;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

@ApplicationScoped
public class ApiKeyPersistenceAdapter implements ApiKeyRepository {
    private final ApiKeyEntityRepository repo;
    private final PostgresCredentialChangeFeed changes;

    @Inject
    public ApiKeyPersistenceAdapter(ApiKeyEntityRepository repo, PostgresCredentialChangeFeed changes) {
        this.repo = repo;
        this.changes = changes;
    }

    @Override
    public Optional<ApiKey> insertIfAppIdFree(ApiKey key) {
        return NativeInserts.insertUnlessConflict(repo.getEntityManager(), """
                        INSERT INTO api_key (app_id, key_hash, key_hint, info, enabled, created_at, key_enc)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        ON CONFLICT (app_id) DO NOTHING
                        RETURNING id""",
                key.appId(), key.keyHash(), key.keyHint(), key.info(), key.enabled(), key.createdAt(), key.sealedKey())
                .flatMap(this::findById);
    }

    @Override
    public Optional<ApiKey> findById(long id) {
        return repo.findByIdOptional(id).map(ApiKeyPersistenceAdapter::toDomain);
    }

    @Override
    public Optional<ApiKey> findByAppId(String appId) {
        return repo.find("appId", appId).firstResultOptional().map(ApiKeyPersistenceAdapter::toDomain);
    }

    @Override
    public Page<ApiKey> page(PageRequest request) {
        return Pages.of(repo.find("order by createdAt desc, id desc"), request, ApiKeyPersistenceAdapter::toDomain);
    }

    @Override
    public void updateEnabled(ApiKey key) {
        repo.update("enabled = ?1 where id = ?2", key.enabled(), key.id());
        changes.announceAfterCommit(l -> l.apiKeyChanged(key.appId()));
    }

    @Override
    public boolean delete(long id) {
        Optional<String> appId = repo.findByIdOptional(id).map(e -> e.appId);
        boolean deleted = repo.deleteById(id);
        if (deleted) {
            changes.announceAfterCommit(l -> l.apiKeyChanged(appId.orElseThrow()));
        }
        return deleted;
    }

    private static ApiKey toDomain(ApiKeyEntity e) {
        return new ApiKey(e.id, e.appId, e.keyHash, e.keyHint, e.info, e.enabled, e.createdAt, e.keyEnc);
    }
}
