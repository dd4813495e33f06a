package com.pveams.adapters.persistence.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "admin_account")
public class AdminEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 64)
    public String username;
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;
    @Column(name = "credential_version", nullable = false)
    public long credentialVersion;
    public String name;
    public String phone;
    public String email;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "last_login_at")
    public Instant lastLoginAt;
}
