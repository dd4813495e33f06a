package com.pveams.adapters.persistence.crypto;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AES-256 keys of {@link AesGcmSecretCipher}: the current one, which encrypts, and previous ones, which only
 * decrypt. A key's id is derived from the key (a keyed hash, so it reveals nothing about it): operators configure
 * keys only, and two different keys cannot be given the same id by mistake.
 */
public final class SecretKeyRing {
    public static final int KEY_BYTES = 32;
    static final int ID_BYTES = 4;
    private static final byte[] ID_LABEL = "ProxmoxVE-AMS secrets key id v1".getBytes(StandardCharsets.US_ASCII);

    private final Entry current;
    private final Map<String, Entry> byId;

    /** @param previous keys that still decrypt; the current key and duplicates among them are ignored */
    public SecretKeyRing(byte[] current, List<byte[]> previous) {
        this.current = entry(current);
        Map<String, Entry> keys = new LinkedHashMap<>();
        keys.put(this.current.id(), this.current);
        for (byte[] key : previous) {
            Entry e = entry(key);
            Entry known = keys.putIfAbsent(e.id(), e);
            if (known != null && !Arrays.equals(known.key().getEncoded(), e.key().getEncoded())) {
                throw new IllegalArgumentException("two different secrets keys have the same id " + e.id()
                        + "; generate a new key");
            }
        }
        this.byId = Collections.unmodifiableMap(keys);
    }

    public String currentId() {
        return current.id();
    }

    /** Ids of every key that decrypts, current first. */
    public List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    Entry current() {
        return current;
    }

    Optional<Entry> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    record Entry(String id, byte[] idBytes, SecretKey key) {
    }

    private static Entry entry(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secrets key must be exactly " + KEY_BYTES + " bytes (AES-256)");
        }
        byte[] id = derivedId(key);
        return new Entry(HexFormat.of().formatHex(id), id, new SecretKeySpec(key.clone(), "AES"));
    }

    private static byte[] derivedId(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(ID_LABEL), ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
