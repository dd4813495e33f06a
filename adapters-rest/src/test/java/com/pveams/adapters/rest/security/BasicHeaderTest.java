package com.pveams.adapters.rest.security;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicHeaderTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }

    @Test
    void parsesWellFormedHeadersOnly() {
        assertArrayEquals(new String[]{"123", "abc:def"}, ApiKeyAuthFilter.credentials("Basic " + b64("123:abc:def")).orElseThrow());
        assertArrayEquals(new String[]{"1", "k"}, ApiKeyAuthFilter.credentials("basic " + b64("1:k")).orElseThrow());
        for (String bad : new String[]{"Basic", "Basic ", "Basicxyz", "Bearer " + b64("1:k"), "Basic ***", "Basic " + b64("nocolon"),
                "Basic " + b64(":k"), "Basic " + b64("1:"), "Basic " + "A".repeat(2000)}) {
            assertTrue(ApiKeyAuthFilter.credentials(bad).isEmpty(), bad);
        }
    }

    @Test
    void controlCharactersNeverReachTheKeyLookup() {
        for (String bad : new String[]{"\u0000:\u0000", "1\u0000:k", "1:k\u0000", "1:k\n", "\u007f1:k"}) {
            assertTrue(ApiKeyAuthFilter.credentials("Basic " + b64(bad)).isEmpty(), bad);
        }
    }

    @Test
    void adminTokensAcceptRawAndBearerForms() {
        assertEquals("abc", AdminAuthFilter.rawToken("abc"));
        assertEquals("abc", AdminAuthFilter.rawToken("Bearer abc"));
        assertEquals("abc", AdminAuthFilter.rawToken("  bearer   abc "));
    }
}
