package com.pveams.application.service;

import com.pveams.application.config.ApiKeyPolicy;
import com.pveams.application.port.in.access.ManageApiKeysUseCase;
import com.pveams.application.port.out.ApiKeyRepository;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.domain.access.ApiKey;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Public-API keys. The appkey is 136 random bits, so a fast SHA-256 is a sound way to keep it for authentication
 * (no dictionary to attack); the hash and the last four characters are stored. When keys may be shown again
 * ({@link ApiKeyPolicy}), the appkey is also stored encrypted for the admin list; authentication never reads that
 * copy, so it costs no decryption per call.
 */
@Singleton
public class ApiKeyService implements ManageApiKeysUseCase {
    private static final int KEY_BYTES = 17; // 34 hex characters, the length legacy clients know
    private static final System.Logger LOG = System.getLogger(ApiKeyService.class.getName());

    private final ApiKeyRepository keys;
    private final SecretCipher cipher;
    private final ApiKeyPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public ApiKeyService(ApiKeyRepository keys, SecretCipher cipher, ApiKeyPolicy policy, Clock clock) {
        this.keys = keys;
        this.cipher = cipher;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public IssuedApiKey create(String info) {
        ApiKey.requireInfo(info);
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        String appKey = HexFormat.of().formatHex(raw);
        // show-once keeps no way back to the appkey at all, not even an encrypted one
        byte[] sealed = policy.reveal() ? cipher.encrypt(appKey) : null;
        Instant now = clock.instant();
        // appid keeps the legacy look (epoch milliseconds); a collision just moves to the next millisecond.
        long candidate = now.toEpochMilli();
        for (int attempt = 0; attempt < 50; attempt++, candidate++) {
            ApiKey key = ApiKey.issue(Long.toString(candidate), appKey, sealed, info, now);
            Optional<ApiKey> saved = keys.insertIfAppIdFree(key);
            if (saved.isPresent()) {
                ApiKey k = saved.get();
                return new IssuedApiKey(k.id(), k.appId(), appKey, k.info(), k.enabled(), k.createdAt());
            }
        }
        throw DomainException.failure("生成API key失败，请重试", "Could not allocate an appid, please retry");
    }

    @Override
    @Transactional
    public Page<ApiKeyView> list(PageRequest request) {
        return keys.page(request).map(k -> new ApiKeyView(k.id(), k.appId(), shown(k), k.info(), k.enabled(), k.createdAt()));
    }

    private String shown(ApiKey key) {
        if (!policy.reveal() || !key.hasSealedKey()) {
            return key.maskedKey();
        }
        String unsealed = null;
        try {
            unsealed = cipher.decrypt(key.sealedKey());
        } catch (UndecryptableSecretException e) {
            // one unreadable copy (a key missing from ams.secrets.previous-keys, damaged data) must not fail the list
            LOG.log(System.Logger.Level.WARNING, "API key " + key.id() + " (appid " + key.appId()
                    + ") is listed masked: its stored copy cannot be decrypted: " + e.reason()
                    + (e.keyId() == null ? "" : " (key id " + e.keyId() + ")"));
        }
        if (unsealed != null && !key.isKeyOf(unsealed)) {
            LOG.log(System.Logger.Level.WARNING, "API key " + key.id() + " (appid " + key.appId()
                    + ") is listed masked: its stored copy is not this key's appkey");
        }
        return key.revealedKey(unsealed);
    }

    @Override
    @Transactional
    public void delete(long id) {
        if (!keys.delete(id)) {
            throw DomainException.failure("删除失败", "Delete failed: no such API key");
        }
    }

    @Override
    @Transactional
    public void enable(long id) {
        ApiKey key = load(id);
        key.enable();
        keys.updateEnabled(key);
    }

    @Override
    @Transactional
    public void disable(long id) {
        ApiKey key = load(id);
        key.disable();
        keys.updateEnabled(key);
    }

    private ApiKey load(long id) {
        return keys.findById(id).orElseThrow(() -> DomainException.failure("不存在该API", "No such API key"));
    }

    /** The stored form of an appkey; also used to check presented keys ({@link CallerAuthenticationService}). */
    static byte[] sha256(String s) {
        return ApiKey.digest(s);
    }
}
