package com.pveams.application.service;

import com.pveams.application.config.ApiKeyPolicy;
import com.pveams.application.config.CredentialCachePolicy;
import com.pveams.application.port.in.access.ManageApiKeysUseCase.ApiKeyView;
import com.pveams.application.port.in.access.ManageApiKeysUseCase.IssuedApiKey;
import com.pveams.application.port.out.ApiKeyRepository;
import com.pveams.application.service.SecretRotationServiceTest.LabelCipher;
import com.pveams.domain.access.ApiKey;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys shown again from their encrypted copy, or once; the stand-in cipher writes "keyid:plaintext". */
class ApiKeyServiceTest {
    final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final PagedApiKeys rows = new PagedApiKeys();
    final CountingCipher cipher = new CountingCipher(new LabelCipher("k1", "k1"));

    ApiKeyService service(boolean reveal) {
        return new ApiKeyService(rows, cipher, new ApiKeyPolicy(reveal), clock);
    }

    ApiKeyView listed(ApiKeyService service, long id) {
        return service.list(new PageRequest(1, 500)).records().stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }

    @Test
    void aRevealedKeyIsStoredEncryptedAndListedInFull() {
        ApiKeyService keys = service(true);
        IssuedApiKey issued = keys.create("billing");
        ApiKey stored = rows.rows.get(issued.id());
        assertEquals("k1:" + issued.appKey(), new String(stored.sealedKey(), StandardCharsets.UTF_8));
        assertEquals(issued.appKey(), listed(keys, issued.id()).shownAppKey());
        assertEquals("billing", listed(keys, issued.id()).info());
    }

    @Test
    void showOnceStoresNoCopyAndListsEveryKeyMasked() {
        IssuedApiKey revealedEarlier = service(true).create("earlier");
        ApiKeyService keys = service(false);
        IssuedApiKey issued = keys.create("show-once");

        assertNull(rows.rows.get(issued.id()).sealedKey());
        assertEquals("******************************" + issued.appKey().substring(30), listed(keys, issued.id()).shownAppKey());
        assertEquals("******************************" + revealedEarlier.appKey().substring(30),
                listed(keys, revealedEarlier.id()).shownAppKey(), "a stored copy is not shown while reveal is off");
        assertEquals(1, cipher.encryptions, "only the key issued with reveal on was encrypted");
        assertEquals(0, cipher.decryptions);
    }

    @Test
    void keysWithoutACopyAreListedMasked() {
        ApiKey legacy = ApiKey.issue("1000", "0123456789abcdef0123456789abcdef01", null, "before V15", clock.instant());
        long id = rows.insertIfAppIdFree(legacy).orElseThrow().id();
        assertEquals("******************************ef01", listed(service(true), id).shownAppKey());
        assertEquals(0, cipher.decryptions);
    }

    @Test
    void anUndecryptableCopyIsListedMaskedAndTheRestStillInFull() {
        ApiKeyService keys = service(true);
        IssuedApiKey fine = keys.create("fine");
        ApiKey lost = ApiKey.issue("2000", "0123456789abcdef0123456789abcdef02", "gone:0123456789abcdef0123456789abcdef02"
                .getBytes(StandardCharsets.UTF_8), null, clock.instant());
        long lostId = rows.insertIfAppIdFree(lost).orElseThrow().id();

        assertEquals("******************************ef02", listed(keys, lostId).shownAppKey());
        assertEquals(fine.appKey(), listed(keys, fine.id()).shownAppKey());
    }

    @Test
    void aCopyOfAnotherKeysAppkeyIsNeverShown() {
        ApiKeyService keys = service(true);
        IssuedApiKey a = keys.create("a");
        clock.advance(Duration.ofMillis(1));
        IssuedApiKey b = keys.create("b");
        // someone with write access to the table copies a's ciphertext onto b
        ApiKey bRow = rows.rows.get(b.id());
        rows.rows.put(b.id(), new ApiKey(bRow.id(), bRow.appId(), bRow.keyHash(), bRow.keyHint(), bRow.info(),
                bRow.enabled(), bRow.createdAt(), rows.rows.get(a.id()).sealedKey()));

        String shown = listed(keys, b.id()).shownAppKey();
        assertEquals("******************************" + b.appKey().substring(30), shown);
        assertFalse(shown.contains(a.appKey()));
    }

    @Test
    void authenticationNeverDecrypts() {
        IssuedApiKey issued = service(true).create("billing");
        ManualCredentialFeed feed = new ManualCredentialFeed();
        CallerAuthenticationService auth = new CallerAuthenticationService(
                new CredentialCache(clock, new CredentialCachePolicy(Duration.ofSeconds(5)), feed),
                new StoredCredentials(rows, new InMemoryAdmins()));
        feed.listener.connected();
        for (int i = 0; i < 3; i++) {
            assertTrue(auth.authenticate(issued.appId(), issued.appKey()).isPresent());
            assertTrue(auth.authenticate(issued.appId(), "0".repeat(34)).isEmpty());
        }
        assertEquals(0, cipher.decryptions);
    }

    /** Counts what goes through the cipher, to prove which paths decrypt. */
    static final class CountingCipher implements com.pveams.application.port.out.crypto.SecretCipher {
        private final LabelCipher inner;
        int encryptions;
        int decryptions;

        CountingCipher(LabelCipher inner) {
            this.inner = inner;
        }

        @Override
        public byte[] encrypt(String plaintext) {
            encryptions++;
            return inner.encrypt(plaintext);
        }

        @Override
        public String decrypt(byte[] ciphertext) {
            decryptions++;
            return inner.decrypt(ciphertext);
        }

        @Override
        public boolean needsReEncryption(byte[] ciphertext) {
            return inner.needsReEncryption(ciphertext);
        }

        @Override
        public String currentKeyId() {
            return inner.currentKeyId();
        }
    }

    /** Rows as the database keeps them, newest first in pages. */
    static final class PagedApiKeys implements ApiKeyRepository {
        final Map<Long, ApiKey> rows = new LinkedHashMap<>();
        private long nextId = 1;

        @Override
        public Optional<ApiKey> insertIfAppIdFree(ApiKey key) {
            if (rows.values().stream().anyMatch(k -> k.appId().equals(key.appId()))) {
                return Optional.empty();
            }
            ApiKey saved = new ApiKey(nextId++, key.appId(), key.keyHash(), key.keyHint(), key.info(), key.enabled(),
                    key.createdAt(), key.sealedKey());
            rows.put(saved.id(), saved);
            return Optional.of(saved);
        }

        @Override
        public Optional<ApiKey> findById(long id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public Optional<ApiKey> findByAppId(String appId) {
            return rows.values().stream().filter(k -> k.appId().equals(appId)).findFirst();
        }

        @Override
        public Page<ApiKey> page(PageRequest request) {
            List<ApiKey> all = new ArrayList<>(rows.values());
            all.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id).reversed());
            List<ApiKey> slice = all.stream().skip(request.offset()).limit(request.size()).toList();
            return new Page<>(slice, all.size(), request.page(), request.size());
        }

        @Override
        public void updateEnabled(ApiKey key) {
            rows.put(key.id(), key);
        }

        @Override
        public boolean delete(long id) {
            return rows.remove(id) != null;
        }
    }
}
