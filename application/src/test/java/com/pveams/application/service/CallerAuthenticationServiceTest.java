package com.pveams.application.service;

import com.pveams.application.config.ApiKeyPolicy;
import com.pveams.application.config.CredentialCachePolicy;
import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminLoginUseCase.LoginCommand;
import com.pveams.application.port.in.access.ManageAdminsUseCase.RegisterAdminCommand;
import com.pveams.application.port.in.access.ManageAdminsUseCase.UpdateAdminCommand;
import com.pveams.application.port.in.access.ManageApiKeysUseCase.IssuedApiKey;
import com.pveams.application.port.out.ApiKeyRepository;
import com.pveams.domain.access.Admin;
import com.pveams.domain.access.ApiKey;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerAuthenticationServiceTest {
    final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final CopyingApiKeys keyRows = new CopyingApiKeys();
    final CopyingAdmins adminRows = new CopyingAdmins();
    final ManualCredentialFeed feed = new ManualCredentialFeed();
    final CallerAuthenticationService auth = new CallerAuthenticationService(
            new CredentialCache(clock, new CredentialCachePolicy(Duration.ofSeconds(5)), feed),
            new StoredCredentials(keyRows, adminRows));
    final ApiKeyService keys = new ApiKeyService(keyRows, new SecretRotationServiceTest.LabelCipher("k1", "k1"),
            new ApiKeyPolicy(true), clock);
    final AdminAccountService accounts = new AdminAccountService(adminRows, AdminServicesTest.PLAIN, clock);
    final AdminAccessService access = new AdminAccessService(adminRows, AdminServicesTest.PLAIN, clock,
            AdminLoginThrottleTest.POLICY, new InMemoryLoginAttempts());

    @BeforeEach
    void feedIsUp() {
        feed.listener.connected();
    }

    @Test
    void aCachedKeyAuthenticatesWithoutReadingTheDatabase() {
        IssuedApiKey key = keys.create("billing");
        assertEquals(Optional.of(key.id()), auth.authenticate(key.appId(), key.appKey()).map(c -> c.keyId()));
        assertTrue(auth.authenticate(key.appId(), key.appKey()).isPresent());
        assertEquals(List.of(key.appId()), keyRows.reads);
    }

    @Test
    void aWrongAppkeyForACachedAppidIsStillRefused() {
        IssuedApiKey key = keys.create("billing");
        assertTrue(auth.authenticate(key.appId(), key.appKey()).isPresent());
        assertEquals(Optional.empty(), auth.authenticate(key.appId(), "0".repeat(34)));
        assertEquals(Optional.empty(), auth.authenticate(key.appId(), key.appKey().substring(1)));
        assertEquals(Optional.empty(), auth.authenticate(key.appId(), key.appKey() + "0"));
        assertEquals(1, keyRows.reads.size(), "the refusals were decided on the cached record");
        assertTrue(auth.authenticate(key.appId(), key.appKey()).isPresent());
    }

    @Test
    void aDisabledOrDeletedKeyIsRefusedOnceTheChangeIsAnnounced() {
        IssuedApiKey key = keys.create("billing");
        IssuedApiKey other = keys.create("other");
        assertTrue(auth.authenticate(key.appId(), key.appKey()).isPresent());
        assertTrue(auth.authenticate(other.appId(), other.appKey()).isPresent());
        keys.disable(key.id());
        feed.listener.apiKeyChanged(key.appId());
        assertEquals(Optional.empty(), auth.authenticate(key.appId(), key.appKey()));
        keys.delete(other.id());
        feed.listener.apiKeyChanged(other.appId());
        assertEquals(Optional.empty(), auth.authenticate(other.appId(), other.appKey()));
    }

    @Test
    void unknownAppidsAndOversizedInputAreRefused() {
        assertEquals(Optional.empty(), auth.authenticate("424242", "0".repeat(34)));
        assertEquals(Optional.empty(), auth.authenticate("1".repeat(65), "0".repeat(34)));
        assertEquals(Optional.empty(), auth.authenticate("1", "0".repeat(257)));
        assertEquals(Optional.empty(), auth.authenticate(null, "x"));
    }

    @Test
    void passwordChangeEndsExistingSessions() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        AdminIdentity before = access.login(new LoginCommand("admin", "right-password", "127.0.0.1"));
        assertEquals(Optional.of(before), auth.resolve(before.id(), before.credentialVersion()));
        accounts.update(new UpdateAdminCommand(before.id(), null, "new-password-1", null));
        feed.listener.adminChanged(before.id());
        assertEquals(Optional.empty(), auth.resolve(before.id(), before.credentialVersion()));
        AdminIdentity after = access.login(new LoginCommand("admin", "new-password-1", "127.0.0.1"));
        assertTrue(auth.resolve(after.id(), after.credentialVersion()).isPresent());
    }

    @Test
    void aCachedSessionIsCheckedAgainstTheTokensVersionEveryTime() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        AdminIdentity admin = access.login(new LoginCommand("admin", "right-password", "127.0.0.1"));
        assertTrue(auth.resolve(admin.id(), admin.credentialVersion()).isPresent());
        assertEquals(Optional.empty(), auth.resolve(admin.id(), admin.credentialVersion() + 1));
        assertEquals(Optional.empty(), auth.resolve(admin.id() + 1, admin.credentialVersion()));
        assertEquals(1, adminRows.reads.stream().filter(id -> id == admin.id()).count());
    }

    @Test
    void aDeletedAdminsTokenIsRefusedOnceTheChangeIsAnnounced() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        long root = adminRows.findByUsername("admin").orElseThrow().id();
        var second = accounts.register(new RegisterAdminCommand("second", "second-pass", new Admin.AdminProfile(null, null, null)));
        assertTrue(auth.resolve(second.id(), 1).isPresent());
        accounts.delete(second.id(), root);
        feed.listener.adminChanged(second.id());
        assertEquals(Optional.empty(), auth.resolve(second.id(), 1));
    }

    /** Like the database: every read returns a new object, so a cached copy cannot see later writes by accident. */
    static final class CopyingAdmins extends InMemoryAdmins {
        final List<Long> reads = new ArrayList<>();

        @Override
        public Optional<Admin> findById(long id) {
            reads.add(id);
            return super.findById(id).map(a -> new Admin(a.id(), a.username(), a.passwordHash(), a.credentialVersion(),
                    a.name(), a.phone(), a.email(), a.createdAt(), a.lastLoginAt()));
        }
    }

    static final class CopyingApiKeys implements ApiKeyRepository {
        final Map<Long, ApiKey> rows = new LinkedHashMap<>();
        final List<String> reads = new ArrayList<>();
        private long nextId = 1;

        private static ApiKey copy(ApiKey k) {
            return new ApiKey(k.id(), k.appId(), k.keyHash(), k.keyHint(), k.info(), k.enabled(), k.createdAt(), k.sealedKey());
        }

        @Override
        public Optional<ApiKey> insertIfAppIdFree(ApiKey key) {
            if (rows.values().stream().anyMatch(k -> k.appId().equals(key.appId()))) {
                return Optional.empty();
            }
            ApiKey saved = new ApiKey(nextId++, key.appId(), key.keyHash(), key.keyHint(), key.info(), key.enabled(), key.createdAt(),
                    key.sealedKey());
            rows.put(saved.id(), saved);
            return Optional.of(copy(saved));
        }

        @Override
        public Optional<ApiKey> findById(long id) {
            return Optional.ofNullable(rows.get(id)).map(CopyingApiKeys::copy);
        }

        @Override
        public Optional<ApiKey> findByAppId(String appId) {
            reads.add(appId);
            return rows.values().stream().filter(k -> k.appId().equals(appId)).findFirst().map(CopyingApiKeys::copy);
        }

        @Override
        public Page<ApiKey> page(PageRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateEnabled(ApiKey key) {
            rows.put(key.id(), copy(key));
        }

        @Override
        public boolean delete(long id) {
            return rows.remove(id) != null;
        }
    }
}
