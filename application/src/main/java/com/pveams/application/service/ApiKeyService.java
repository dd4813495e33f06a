package com.pveams.application.service;

import com.pveams.application.port.in.access.ManageApiKeysUseCase;
import com.pveams.application.port.out.ApiKeyRepository;
import com.pveams.domain.access.ApiKey;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Public-API keys. The appkey is 136 random bits, so a fast SHA-256 is a sound way to keep it at rest
 * (no dictionary to attack); only the hash and the last four characters are stored.
 */
@Singleton
public class ApiKeyService implements ManageApiKeysUseCase {
    private static final int KEY_BYTES = 17; // 34 hex characters, the length legacy clients know

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public ApiKeyService(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    @Transactional
    public IssuedApiKey create(String info) {
        ApiKey.requireInfo(info);
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        String appKey = HexFormat.of().formatHex(raw);
        String hash = HexFormat.of().formatHex(sha256(appKey));
        Instant now = clock.instant();
        // appid keeps the legacy look (epoch milliseconds); a collision just moves to the next millisecond.
        long candidate = now.toEpochMilli();
        for (int attempt = 0; attempt < 50; attempt++, candidate++) {
            ApiKey key = new ApiKey(null, Long.toString(candidate), hash, appKey.substring(appKey.length() - 4), info,
                    true, now);
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
        return keys.page(request).map(k -> new ApiKeyView(k.id(), k.appId(), k.maskedKey(), k.info(), k.enabled(), k.createdAt()));
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
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }
}
