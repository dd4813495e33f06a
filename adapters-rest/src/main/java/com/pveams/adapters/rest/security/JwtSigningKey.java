package com.pveams.adapters.rest.security;

import javax.crypto.SecretKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The HS256 keys of admin tokens; supplied by the bootstrap module. {@code key} signs and verifies; the
 * {@code previous} keys only verify, so tokens issued before a key rotation keep working until they expire or the
 * operator removes the old key.
 */
public record JwtSigningKey(SecretKey key, List<SecretKey> previous) {
    public JwtSigningKey {
        if (key == null) {
            throw new IllegalArgumentException("the signing key is required");
        }
        previous = List.copyOf(previous);
    }

    public JwtSigningKey(SecretKey key) {
        this(key, List.of());
    }

    /** The current key first: nearly every token was signed with it. */
    public List<SecretKey> verifyingKeys() {
        ArrayList<SecretKey> keys = new ArrayList<>(previous.size() + 1);
        keys.add(key);
        keys.addAll(previous);
        return List.copyOf(keys);
    }
}
