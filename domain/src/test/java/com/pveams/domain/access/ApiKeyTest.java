package com.pveams.domain.access;

import com.pveams.domain.error.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyTest {
    private static final String APP_KEY = "e280bdf9e8914fd597f850d0fcdf162b42";
    private static final byte[] SEALED = {1, 2, 3};

    @Test
    void anIssuedKeyKeepsTheHashAndHintOfItsAppkey() {
        ApiKey key = ApiKey.issue("1687276783870", APP_KEY, SEALED, "billing", Instant.EPOCH);
        assertEquals(HexFormat.of().formatHex(ApiKey.digest(APP_KEY)), key.keyHash());
        assertEquals("2b42", key.keyHint());
        assertTrue(key.enabled());
        assertTrue(key.hasSealedKey());
        assertArrayEquals(SEALED, key.sealedKey());
        assertFalse(key.keyHash().contains(APP_KEY));
    }

    @Test
    void aShowOnceKeyHasNoSealedCopy() {
        ApiKey key = ApiKey.issue("1", APP_KEY, null, null, Instant.EPOCH);
        assertFalse(key.hasSealedKey());
        assertNull(key.sealedKey());
    }

    @Test
    void theSealedCopyCannotBeChangedFromOutside() {
        byte[] sealed = SEALED.clone();
        ApiKey key = ApiKey.issue("1", APP_KEY, sealed, null, Instant.EPOCH);
        sealed[0] = 9;
        key.sealedKey()[1] = 9;
        assertArrayEquals(SEALED, key.sealedKey());
    }

    @Test
    void infoIsValidatedOnIssue() {
        DomainException e = assertThrows(DomainException.class,
                () -> ApiKey.issue("1", APP_KEY, null, "x".repeat(256), Instant.EPOCH));
        assertEquals("info", e.field().orElseThrow());
    }

    @Test
    void onlyItsOwnAppkeyMatches() {
        ApiKey key = ApiKey.issue("1", APP_KEY, null, null, Instant.EPOCH);
        assertTrue(key.isKeyOf(APP_KEY));
        assertFalse(key.isKeyOf(APP_KEY.toUpperCase()));
        assertFalse(key.isKeyOf(APP_KEY.substring(1)));
        assertFalse(key.isKeyOf(null));
    }

    @Test
    void theListingRevealsOnlyAnAppkeyThatIsThisKeys() {
        ApiKey key = ApiKey.issue("1", APP_KEY, SEALED, null, Instant.EPOCH);
        assertEquals(APP_KEY, key.revealedKey(APP_KEY));
        // nothing decrypted, or another key's appkey (a sealed value copied between rows): masked
        assertEquals(key.maskedKey(), key.revealedKey(null));
        assertEquals(key.maskedKey(), key.revealedKey("0".repeat(34)));
        assertEquals("******************************2b42", key.maskedKey());
    }
}
