package com.pveams.domain.access;

import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator account of the admin API. The password hash never leaves the application layer.
 * {@code credentialVersion} grows with every password change: tokens carry it, so a change revokes them all.
 */
public final class Admin {
    /**
     * Display name of the account created on a fresh install. The legacy admin UI shows a missing name as 未知
     * ("unknown") and saves that text back with the next profile edit.
     */
    public static final String FIRST_ADMIN_NAME = "管理员";

    private final Long id;
    private final String username;
    private String passwordHash;
    private long credentialVersion;
    private String name;
    private String phone;
    private String email;
    private final Instant createdAt;
    private Instant lastLoginAt;

    public Admin(Long id, String username, String passwordHash, long credentialVersion, String name, String phone,
                 String email, Instant createdAt, Instant lastLoginAt) {
        this.id = id;
        this.username = Username.require(username);
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.credentialVersion = credentialVersion;
        this.name = name;
        this.phone = phone;
        this.email = email;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.lastLoginAt = lastLoginAt;
    }

    public static Admin register(String username, String passwordHash, AdminProfile profile, Instant now) {
        Admin admin = new Admin(null, username, passwordHash, 1, null, null, null, now, null);
        admin.updateProfile(profile);
        return admin;
    }

    /** The account created on a fresh install: no profile but a display name. */
    public static Admin first(String username, String passwordHash, Instant now) {
        return register(username, passwordHash, new AdminProfile(FIRST_ADMIN_NAME, null, null), now);
    }

    public void changePassword(String newPasswordHash) {
        this.passwordHash = Objects.requireNonNull(newPasswordHash);
        this.credentialVersion++;
    }

    public void updateProfile(AdminProfile profile) {
        this.name = profile.name();
        this.phone = profile.phone();
        this.email = profile.email();
    }

    public void recordLogin(Instant at) {
        this.lastLoginAt = at;
    }

    /** Whether a token issued for this admin at the given credential version is still valid. */
    public boolean acceptsCredentialVersion(long version) {
        return version == credentialVersion;
    }

    public Long id() { return id; }
    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public long credentialVersion() { return credentialVersion; }
    public String name() { return name; }
    public String phone() { return phone; }
    public String email() { return email; }
    public Instant createdAt() { return createdAt; }
    public Instant lastLoginAt() { return lastLoginAt; }

    /** Profile fields an operator may edit freely, each bounded. */
    public record AdminProfile(String name, String phone, String email) {
        public AdminProfile {
            name = bounded("name", name, 64);
            phone = bounded("phone", phone, 32);
            email = bounded("email", email, 128);
            if (email != null && !email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
                throw DomainException.invalid("email", "格式不正确", "is not a valid e-mail address");
            }
        }

        private static String bounded(String field, String value, int max) {
            if (value == null) {
                return null;
            }
            String v = value.strip();
            if (v.length() > max) {
                throw DomainException.invalid(field, "长度不能超过 " + max, "must be at most " + max + " characters");
            }
            return v;
        }
    }
}
