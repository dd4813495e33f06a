package com.pveams.domain.access;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTest {

    @Test
    void passwordChangeRevokesTokensOfTheOldVersion() {
        Admin admin = Admin.register("ops", "hash1", new Admin.AdminProfile(null, null, null), Instant.EPOCH);
        assertTrue(admin.acceptsCredentialVersion(1));
        admin.changePassword("hash2");
        assertFalse(admin.acceptsCredentialVersion(1));
        assertTrue(admin.acceptsCredentialVersion(2));
        assertEquals("hash2", admin.passwordHash());
    }

    @Test
    void theFirstAdminHasADisplayName() {
        Admin first = Admin.first("admin", "hash", Instant.EPOCH);
        assertEquals("管理员", first.name());
        assertEquals("admin", first.username());
        assertTrue(first.acceptsCredentialVersion(1));
    }

    @Test
    void usernameAndProfileAreValidated() {
        DomainException e = assertThrows(DomainException.class, () -> Username.require("has space"));
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals("username", e.field().orElseThrow());
        assertThrows(DomainException.class, () -> Username.require(""));
        assertEquals("email", assertThrows(DomainException.class,
                () -> new Admin.AdminProfile("n", "1", "not-an-email")).field().orElseThrow());
        assertEquals("name", assertThrows(DomainException.class,
                () -> new Admin.AdminProfile("x".repeat(65), null, null)).field().orElseThrow());
    }

    @Test
    void passwordPolicyBoundsLengthInCharactersAndBytes() {
        assertThrows(DomainException.class, () -> PasswordPolicy.require("password", "short"));
        assertThrows(DomainException.class, () -> PasswordPolicy.require("password", "密".repeat(25))); // 75 bytes
        assertEquals("long-enough", PasswordPolicy.require("password", "long-enough"));
    }

    @Test
    void apiKeyCannotBeDisabledOrEnabledTwice() {
        ApiKey key = new ApiKey(1L, "123", "h".repeat(64), "abcd", null, true, Instant.EPOCH);
        key.disable();
        assertFalse(key.enabled());
        DomainException twice = assertThrows(DomainException.class, key::disable);
        assertEquals("该API已经停用", twice.render(false));
        key.enable();
        assertTrue(key.enabled());
        assertTrue(key.maskedKey().endsWith("abcd"));
        assertFalse(key.maskedKey().contains("h"));
    }
}
