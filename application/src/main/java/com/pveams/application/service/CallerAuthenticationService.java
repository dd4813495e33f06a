package com.pveams.application.service;

import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminSessionQuery;
import com.pveams.application.port.in.access.AuthenticateApiKeyUseCase;
import com.pveams.domain.access.ApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks the credentials every call presents (an API key, an admin token's subject and credential version) against
 * the stored ones, read through {@link CredentialCache}. Only the stored record is cached, never a verdict: the
 * presented appkey is hashed and compared in constant time on every call, so a wrong appkey for a cached appid is
 * refused like any other.
 */
@Singleton
public class CallerAuthenticationService implements AuthenticateApiKeyUseCase, AdminSessionQuery {
    private static final byte[] DECOY_HASH = ApiKeyService.sha256("decoy");

    private final CredentialCache cache;
    private final StoredCredentials stored;

    @Inject
    public CallerAuthenticationService(CredentialCache cache, StoredCredentials stored) {
        this.cache = cache;
        this.stored = stored;
    }

    @Override
    public Optional<ApiClient> authenticate(String appId, String appKey) {
        if (appId == null || appKey == null || appId.length() > 64 || appKey.length() > 256) {
            return Optional.empty();
        }
        Optional<ApiKey> key = cache.apiKey(appId, stored::apiKey);
        byte[] expected = key.map(k -> HexFormat.of().parseHex(k.keyHash())).orElse(DECOY_HASH);
        boolean matches = MessageDigest.isEqual(expected, ApiKeyService.sha256(appKey));
        return key.filter(k -> matches && k.enabled()).map(k -> new ApiClient(k.id(), k.appId()));
    }

    @Override
    public Optional<AdminIdentity> resolve(long adminId, long credentialVersion) {
        return cache.admin(adminId, stored::admin)
                .filter(a -> a.acceptsCredentialVersion(credentialVersion))
                .map(a -> new AdminIdentity(a.id(), a.username(), a.credentialVersion()));
    }
}
