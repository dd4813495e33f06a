package com.pveams.application.service;

import com.pveams.application.config.AccessPolicy;
import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminLoginUseCase;
import com.pveams.application.port.in.access.LoginThrottledException;
import com.pveams.application.port.out.AdminRepository;
import com.pveams.application.port.out.LoginAttemptLog;
import com.pveams.application.port.out.PasswordHasher;
import com.pveams.domain.access.Admin;
import com.pveams.domain.access.ClientAddress;
import com.pveams.domain.access.LoginLimits;
import com.pveams.domain.access.Username;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Admin login. Token sessions are checked by {@link CallerAuthenticationService}. */
@Singleton
public class AdminAccessService implements AdminLoginUseCase {
    private final AdminRepository admins;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final LoginAttemptLog attempts;
    private final LoginLimits limits;
    /** Compared against when the username is unknown, so both failure paths cost the same time. */
    private final String decoyHash;

    @Inject
    public AdminAccessService(AdminRepository admins, PasswordHasher hasher, Clock clock, AccessPolicy policy,
                              LoginAttemptLog attempts) {
        this.admins = admins;
        this.hasher = hasher;
        this.clock = clock;
        this.attempts = attempts;
        this.limits = policy.loginLimits();
        this.decoyHash = hasher.hash("decoy-password-for-timing");
    }

    /**
     * The attempt is reserved before the password is checked, and the reservation commits on its own at once
     * (see {@link LoginAttemptLog#reserve}): a parallel burst cannot get more checks than the limits allow, and a
     * failed check needs no further write, since the reservation already counts as the failure. It comes before
     * any other database access, so this transaction holds no connection while the reservation uses one.
     */
    @Override
    @Transactional
    public AdminIdentity login(LoginCommand command) {
        if (command.username() == null || command.username().isBlank()) {
            throw DomainException.required("username");
        }
        if (command.password() == null || command.password().isEmpty()) {
            throw DomainException.required("password");
        }
        Instant now = clock.instant();
        // Keys are bounded: no real username is longer, and the attempt log must not grow with the input.
        String username = bounded(command.username(), Username.MAX_LENGTH);
        String address = ClientAddress.throttleKey(command.clientAddress());
        LoginAttemptLog.Reservation reservation = attempts.reserve(username, address, now, limits);
        if (reservation instanceof LoginAttemptLog.Refused refused) {
            throw new LoginThrottledException(refused.retryAfter());
        }
        long attemptId = ((LoginAttemptLog.Admitted) reservation).attemptId();
        Optional<Admin> found = admins.findByUsername(command.username());
        boolean ok = hasher.matches(command.password(), found.map(Admin::passwordHash).orElse(decoyHash));
        if (found.isEmpty() || !ok) {
            // One answer for unknown user and wrong password: no account enumeration.
            throw new DomainException(ErrorCode.LOGIN_FAIL);
        }
        Admin admin = found.get();
        attempts.succeeded(attemptId);
        admin.recordLogin(now);
        admins.update(admin);
        return new AdminIdentity(admin.id(), admin.username(), admin.credentialVersion());
    }

    private static String bounded(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
