package com.pveams.domain.access;

import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.util.Objects;

/**
 * A credential of the public API: an {@code appid} and a secret {@code appkey}. Only a hash of the appkey is kept,
 * plus its last four characters so operators can tell keys apart.
 */
public final class ApiKey {
    private final Long id;
    private final String appId;
    private final String keyHash;
    private final String keyHint;
    private final String info;
    private boolean enabled;
    private final Instant createdAt;

    public ApiKey(Long id, String appId, String keyHash, String keyHint, String info, boolean enabled, Instant createdAt) {
        this.id = id;
        this.appId = Objects.requireNonNull(appId);
        this.keyHash = Objects.requireNonNull(keyHash);
        this.keyHint = keyHint;
        this.info = info;
        this.enabled = enabled;
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public static String requireInfo(String info) {
        if (info != null && info.length() > 255) {
            throw DomainException.invalid("info", "长度不能超过 255", "must be at most 255 characters");
        }
        return info;
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

    public Long id() { return id; }
    public String appId() { return appId; }
    public String keyHash() { return keyHash; }
    public String keyHint() { return keyHint; }
    public String info() { return info; }
    public boolean enabled() { return enabled; }
    public Instant createdAt() { return createdAt; }
}
