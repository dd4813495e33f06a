package com.pveams.application.service;

import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminLoginUseCase.LoginCommand;
import com.pveams.application.port.in.access.ManageAdminsUseCase.RegisterAdminCommand;
import com.pveams.application.port.in.access.ManageAdminsUseCase.UpdateAdminCommand;
import com.pveams.application.port.out.PasswordHasher;
import com.pveams.domain.access.Admin.AdminProfile;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdminServicesTest {
    /** Reversible on purpose: these tests are about the services, not the hash. */
    static final PasswordHasher PLAIN = new PasswordHasher() {
        public String hash(String raw) {
            return "h:" + raw;
        }

        public boolean matches(String raw, String hash) {
            return ("h:" + raw).equals(hash);
        }
    };

    final InMemoryAdmins admins = new InMemoryAdmins();
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final AdminAccountService accounts = new AdminAccountService(admins, PLAIN, clock);
    final AdminAccessService access = new AdminAccessService(admins, PLAIN, clock, AdminLoginThrottleTest.POLICY,
            new InMemoryLoginAttempts());

    @Test
    void firstStartCreatesAdminWithAGeneratedPasswordOnlyOnce() {
        String generated = accounts.ensureInitialAdmin(Optional.empty()).orElseThrow();
        assertEquals(20, generated.length());
        assertEquals(Optional.empty(), accounts.ensureInitialAdmin(Optional.empty()));
        AdminIdentity admin = access.login(new LoginCommand("admin", generated, "127.0.0.1"));
        assertEquals("admin", admin.username());
        assertEquals(clock.instant(), admins.findById(admin.id()).orElseThrow().lastLoginAt());
    }

    @Test
    void configuredInitialPasswordIsUsedAndNotReported() {
        assertEquals(Optional.empty(), accounts.ensureInitialAdmin(Optional.of("configured-pw")));
        access.login(new LoginCommand("admin", "configured-pw", "127.0.0.1"));
    }

    @Test
    void theLastAdminAndTheActingAdminCannotBeDeleted() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        long root = admins.findByUsername("admin").orElseThrow().id();
        var other = accounts.register(new RegisterAdminCommand("second", "second-pass", new AdminProfile(null, null, null)));
        assertEquals(ErrorCode.ERROR, assertThrows(DomainException.class, () -> accounts.delete(root, root)).code());
        accounts.delete(other.id(), root);
        assertEquals(ErrorCode.ERROR, assertThrows(DomainException.class, () -> accounts.delete(root, 999)).code());
        assertEquals(1, admins.count());
    }

    @Test
    void renamingOntoATakenUsernameIsRefused() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        var other = accounts.register(new RegisterAdminCommand("second", "second-pass", null));
        assertEquals(ErrorCode.EXISTING_USER, assertThrows(DomainException.class,
                () -> accounts.update(new UpdateAdminCommand(other.id(), "admin", null, null))).code());
        assertEquals(ErrorCode.EXISTING_USER, assertThrows(DomainException.class,
                () -> accounts.register(new RegisterAdminCommand("second", "another-pass", null))).code());
    }
}
