package com.pveams.application.service;

import com.pveams.application.config.AccessPolicy;
import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminLoginUseCase;
import com.pveams.application.port.in.access.LoginThrottledException;
import com.pveams.application.port.out.AdminRepository;
import com.pveams.application.port.out.LoginFailureLog;
import com.pveams.application.port.out.PasswordHasher;
import com.pveams.domain.access.Admin;
import com.pveams.domain.access.LoginLimits;
import com.pveams.domain.access.Username;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Admin login. Token sessions are checked by {@link CallerAuthenticationService}. */
@Singleton
public class AdminAccessService implements AdminLoginUseCase {
    private final AdminRepository admins;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final LoginFailureLog failures;
    private final LoginLimits limits;
    /** Compared against when the username is unknown, so both failure paths cost the same time. */
    private final String decoyHash;

    @Inject
    public AdminAccessService(AdminRepository admins, PasswordHasher hasher, Clock clock, AccessPolicy policy,
                              LoginFailureLog failures) {
        this.admins = admins;
        this.hasher = hasher;
        this.clock = clock;
        this.failures = failures;
        this.limits = new LoginLimits(policy.loginMaxFailuresPerUsername(), policy.loginMaxFailuresPerAddress(),
                policy.loginFailureWindow());
        this.decoyHash = hasher.hash("decoy-password-for-timing");
    }

    /** A refused login keeps its transaction: the recorded failure must survive the exception. */
    @Override
    @Transactional(dontRollbackOn = DomainException.class)
    public AdminIdentity login(LoginCommand command) {
        if (command.username() == null || command.username().isBlank()) {
            throw DomainException.required("username");
        }
        if (command.password() == null || command.password().isEmpty()) {
            throw DomainException.required("password");
        }
        Instant now = clock.instant();
        // Keys are bounded: no real username is longer, and the failure log must not grow with the input.
        String username = bounded(command.username(), Username.MAX_LENGTH);
        String address = bounded(command.clientAddress() == null ? "" : command.clientAddress(), 64);
        Instant since = limits.windowStart(now);
        Optional<Duration> wait = limits.retryAfter(
                failures.newestForUsername(username, since, limits.maxPerUsername()),
                failures.newestForAddress(address, since, limits.maxPerAddress()), now);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        Optional<Admin> found = admins.findByUsername(command.username());
        boolean ok = hasher.matches(command.password(), found.map(Admin::passwordHash).orElse(decoyHash));
        if (found.isEmpty() || !ok) {
            failures.record(username, address, now);
            // One answer for unknown user and wrong password: no account enumeration.
            throw new DomainException(ErrorCode.LOGIN_FAIL);
        }
        Admin admin = found.get();
        failures.forgetUsername(username);
        admin.recordLogin(now);
        admins.update(admin);
        return new AdminIdentity(admin.id(), admin.username(), admin.credentialVersion());
    }

    private static String bounded(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
