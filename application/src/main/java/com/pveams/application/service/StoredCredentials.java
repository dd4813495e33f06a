package com.pveams.application.service;

import com.pveams.application.port.out.AdminRepository;
import com.pveams.application.port.out.ApiKeyRepository;
import com.pveams.domain.access.Admin;
import com.pveams.domain.access.ApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * The credential cache's way to the database on a miss. A bean of its own so that only a miss opens a
 * transaction: a hit must not cost one.
 */
@Singleton
public class StoredCredentials {
    private final ApiKeyRepository keys;
    private final AdminRepository admins;

    @Inject
    public StoredCredentials(ApiKeyRepository keys, AdminRepository admins) {
        this.keys = keys;
        this.admins = admins;
    }

    @Transactional
    public Optional<ApiKey> apiKey(String appId) {
        return keys.findByAppId(appId);
    }

    @Transactional
    public Optional<Admin> admin(long adminId) {
        return admins.findById(adminId);
    }
}
