package com.pveams.application.service;

import com.pveams.application.port.in.access.AdminView;
import com.pveams.application.port.in.access.EnsureInitialAdminUseCase;
import com.pveams.application.port.in.access.ManageAdminsUseCase;
import com.pveams.application.port.out.AdminRepository;
import com.pveams.application.port.out.PasswordHasher;
import com.pveams.domain.access.Admin;
import com.pveams.domain.access.Admin.AdminProfile;
import com.pveams.domain.access.PasswordPolicy;
import com.pveams.domain.access.Username;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** Admin accounts: registration, listing, edits, removal, and the first account on a fresh install. */
@Singleton
public class AdminAccountService implements ManageAdminsUseCase, EnsureInitialAdminUseCase {
    static final String INITIAL_USERNAME = "admin";
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final AdminRepository admins;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public AdminAccountService(AdminRepository admins, PasswordHasher hasher, Clock clock) {
        this.admins = admins;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    @Transactional
    public AdminView register(RegisterAdminCommand command) {
        Username.require(command.username());
        PasswordPolicy.require("password", command.password());
        AdminProfile profile = command.profile() == null ? new AdminProfile(null, null, null) : command.profile();
        Admin admin = Admin.register(command.username(), hasher.hash(command.password()), profile, clock.instant());
        return admins.insertIfUsernameFree(admin).map(AdminView::of)
                .orElseThrow(() -> new DomainException(ErrorCode.EXISTING_USER));
    }

    @Override
    @Transactional
    public Page<AdminView> list(PageRequest request) {
        return admins.page(request).map(AdminView::of);
    }

    @Override
    @Transactional
    public AdminView update(UpdateAdminCommand command) {
        if (command.id() == null) {
            throw DomainException.required("id");
        }
        Admin current = admins.findById(command.id())
                .orElseThrow(() -> new DomainException(ErrorCode.LOGIN_NO_ACCOUNT));
        Admin updated = current;
        if (command.username() != null && !command.username().equals(current.username())) {
            updated = new Admin(current.id(), Username.require(command.username()), current.passwordHash(),
                    current.credentialVersion(), current.name(), current.phone(), current.email(),
                    current.createdAt(), current.lastLoginAt());
        }
        if (command.password() != null && !command.password().isEmpty()) {
            updated.changePassword(hasher.hash(PasswordPolicy.require("password", command.password())));
        }
        if (command.profile() != null) {
            updated.updateProfile(command.profile());
        }
        if (!admins.update(updated)) {
            throw new DomainException(ErrorCode.EXISTING_USER);
        }
        return AdminView.of(updated);
    }

    @Override
    @Transactional
    public void delete(long id, long actingAdminId) {
        if (id == actingAdminId) {
            throw DomainException.failure("不能删除当前登录的管理员", "You cannot delete the admin you are logged in as");
        }
        if (admins.findById(id).isEmpty()) {
            throw new DomainException(ErrorCode.LOGIN_NO_ACCOUNT);
        }
        if (admins.count() <= 1) {
            throw DomainException.failure("不能删除最后一个管理员", "The last admin cannot be deleted");
        }
        admins.delete(id);
    }

    @Override
    @Transactional
    public Optional<String> ensureInitialAdmin(Optional<String> configuredPassword) {
        if (admins.count() > 0) {
            return Optional.empty();
        }
        String password = configuredPassword.filter(p -> !p.isBlank())
                .map(p -> PasswordPolicy.require("ams.admin.initial-password", p))
                .orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = randomPassword(20);
        }
        Admin admin = Admin.first(INITIAL_USERNAME, hasher.hash(password), clock.instant());
        // Another replica may have won the race: then it owns the account and its password.
        boolean inserted = admins.insertIfUsernameFree(admin).isPresent();
        return inserted && generated ? Optional.of(password) : Optional.empty();
    }

    private String randomPassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
