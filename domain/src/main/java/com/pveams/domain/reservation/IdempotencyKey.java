package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} of a create, scoped to the caller that sent it: two billing panels that happen to
 * choose the same key get their own VMs, and one cannot read the other's VM by guessing keys. Only a hash of
 * caller and key is stored (a fixed 64 characters, whatever the client sent).
 */
public final class IdempotencyKey {
    public static final int MAX_LENGTH = 128;
    public static final String FIELD = "Idempotency-Key";

    private final String stored;

    private IdempotencyKey(String stored) {
        this.stored = stored;
    }

    /**
     * @param caller who asks ({@code api:<appid>}, {@code admin:<username>}): the key's scope
     * @param key    the header's value: 1 to 128 visible ASCII characters
     */
    public static IdempotencyKey of(String caller, String key) {
        if (caller == null || caller.isBlank()) {
            throw new IllegalArgumentException("caller");
        }
        if (key == null || key.isEmpty()) {
            throw DomainException.required(FIELD);
        }
        if (key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw DomainException.invalid(FIELD, "必须是 1 到 " + MAX_LENGTH + " 个可见 ASCII 字符",
                    "must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((caller + '\n' + key).getBytes(StandardCharsets.UTF_8));
            return new IdempotencyKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code vm.idempotency_key}. */
    public String stored() {
        return stored;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdempotencyKey k && k.stored.equals(stored);
    }

    @Override
    public int hashCode() {
        return stored.hashCode();
    }

    @Override
    public String toString() {
        return "IdempotencyKey[" + stored.substring(0, 8) + "…]";
    }
}
