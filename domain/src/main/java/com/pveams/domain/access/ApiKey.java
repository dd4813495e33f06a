package com.pveams.domain.access;

import com.pveams.domain.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A credential of the public API: an {@code appid} and a secret {@code appkey}. Authentication only ever uses a hash
 * of the appkey; the last four characters tell keys apart. Optionally the key also carries a sealed (encrypted)
 * copy of the appkey, opaque here, so that an admin can be shown the key again; keys issued before such copies
 * existed, or while showing keys again was switched off, have none.
 */
public final class ApiKey {
    private static final int HINT_LENGTH = 4;

    private final Long id;
    private final String appId;
    private final String keyHash;
    private final String keyHint;
    private final String info;
    private boolean enabled;
    private final Instant createdAt;
    private final byte[] sealedKey;

    public ApiKey(Long id, String appId, String keyHash, String keyHint, String info, boolean enabled, Instant createdAt) {
        this(id, appId, keyHash, keyHint, info, enabled, createdAt, null);
    }

    public ApiKey(Long id, String appId, String keyHash, String keyHint, String info, boolean enabled, Instant createdAt,
                  byte[] sealedKey) {
        this.id = id;
        this.appId = Objects.requireNonNull(appId);
        this.keyHash = Objects.requireNonNull(keyHash);
        this.keyHint = keyHint;
        this.info = info;
        this.enabled = enabled;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.sealedKey = sealedKey == null ? null : sealedKey.clone();
    }

    /**
     * A new, enabled key for {@code appKey}: its hash and hint are derived here so they cannot disagree with it.
     *
     * @param sealedKey the appkey encrypted for showing it again, or null to keep only the hash (show-once)
     */
    public static ApiKey issue(String appId, String appKey, byte[] sealedKey, String info, Instant now) {
        Objects.requireNonNull(appKey, "appKey");
        if (appKey.length() < HINT_LENGTH) {
            throw new IllegalArgumentException("an appkey is longer than its hint");
        }
        return new ApiKey(null, appId, HexFormat.of().formatHex(digest(appKey)),
                appKey.substring(appKey.length() - HINT_LENGTH), requireInfo(info), true, now, sealedKey);
    }

    public static String requireInfo(String info) {
        if (info != null && info.length() > 255) {
            throw DomainException.invalid("info", "长度不能超过 255", "must be at most 255 characters");
        }
        return info;
    }

    /** SHA-256 of an appkey: the form it is kept and compared in. */
    public static byte[] digest(String appKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(appKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    public void disable() {
        if (!enabled) {
            throw DomainException.failure("该API已经停用", "This API key is already disabled");
        }
        enabled = false;
    }

    public void enable() {
        if (enabled) {
            throw DomainException.failure("该API已经启用", "This API key is already enabled");
        }
        enabled = true;
    }

    /** The appkey as listings show it: masked but for the last four characters. */
    public String maskedKey() {
        return "******************************" + (keyHint == null ? "****" : keyHint);
    }

    /** True if {@code candidate} is this key's appkey (constant-time comparison of the hashes). */
    public boolean isKeyOf(String candidate) {
        return candidate != null && MessageDigest.isEqual(HexFormat.of().parseHex(keyHash), digest(candidate));
    }

    /**
     * What an admin listing shows when keys may be shown again: {@code unsealed} (the plaintext of
     * {@link #sealedKey()}, or null when there is none or it could not be decrypted) if it is this key's appkey,
     * else the masked form. Checking the hash means a sealed value copied from another row is never shown as this
     * key: the listing only ever shows an appkey that authenticates as this appid.
     */
    public String revealedKey(String unsealed) {
        return isKeyOf(unsealed) ? unsealed : maskedKey();
    }

    public boolean hasSealedKey() {
        return sealedKey != null;
    }

    /** The sealed copy of the appkey (ciphertext, opaque to the domain), or null. */
    public byte[] sealedKey() {
        return sealedKey == null ? null : sealedKey.clone();
    }

    public Long id() { return id; }
    public String appId() { return appId; }
    public String keyHash() { return keyHash; }
    public String keyHint() { return keyHint; }
    public String info() { return info; }
    public boolean enabled() { return enabled; }
    public Instant createdAt() { return createdAt; }
}
