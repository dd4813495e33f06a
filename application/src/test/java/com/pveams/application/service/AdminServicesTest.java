package com.pveams.application.service;

import com.pveams.application.config.AccessPolicy;
import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminLoginUseCase.LoginCommand;
import com.pveams.application.port.in.access.LoginThrottledException;
import com.pveams.application.port.in.access.ManageAdminsUseCase.RegisterAdminCommand;
import com.pveams.application.port.in.access.ManageAdminsUseCase.UpdateAdminCommand;
import com.pveams.application.port.out.PasswordHasher;
import com.pveams.domain.access.Admin.AdminProfile;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
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
    final InMemoryLoginFailures failures = new InMemoryLoginFailures();
    final AdminAccessService access = new AdminAccessService(admins, PLAIN, clock, new AccessPolicy(3, 10, Duration.ofMinutes(5)), failures);

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
    void lockedAfterTooManyFailuresEvenWithTheRightPassword() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        for (int i = 0; i < 3; i++) {
            assertEquals(ErrorCode.LOGIN_FAIL, assertThrows(DomainException.class,
                    () -> access.login(new LoginCommand("admin", "wrong-password", "10.0.0.1"))).code());
        }
        LoginThrottledException locked = assertThrows(LoginThrottledException.class,
                () -> access.login(new LoginCommand("admin", "right-password", "10.0.0.2")));
        assertEquals(ErrorCode.ACCOUNT_LOCK, locked.code());
        assertEquals(Duration.ofMinutes(5), locked.retryAfter());
    }

    @Test
    void failuresRecordedByAnotherReplicaCountToo() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        for (int i = 0; i < 10; i++) {
            failures.record("someone-" + i, "203.0.113.7", clock.instant().minusSeconds(60));
        }
        assertThrows(LoginThrottledException.class,
                () -> access.login(new LoginCommand("admin", "right-password", "203.0.113.7")));
        access.login(new LoginCommand("admin", "right-password", "203.0.113.8"));
    }

    @Test
    void successForgivesTheUsernameAndHugeUsernamesAreBounded() {
        accounts.ensureInitialAdmin(Optional.of("right-password"));
        assertThrows(DomainException.class, () -> access.login(new LoginCommand("admin", "wrong", "10.0.0.1")));
        access.login(new LoginCommand("admin", "right-password", "10.0.0.1"));
        assertEquals(0, failures.newestForUsername("admin", Instant.EPOCH, 10).size());
        assertEquals(1, failures.newestForAddress("10.0.0.1", Instant.EPOCH, 10).size());
        assertThrows(DomainException.class, () -> access.login(new LoginCommand("x".repeat(10_000), "pw", "10.0.0.1")));
        assertEquals(64, failures.rows.get(failures.rows.size() - 2).subject().length());
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
