package com.pveams.adapters.rest.security;

import javax.crypto.SecretKey;

/** The HS256 key that signs and verifies admin tokens; supplied by the bootstrap module. */
public record JwtSigningKey(SecretKey key) {
}
