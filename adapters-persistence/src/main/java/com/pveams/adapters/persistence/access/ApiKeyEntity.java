package com.pveams.adapters.persistence.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "api_key")
public class ApiKeyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "app_id", nullable = false, length = 64)
    public String appId;
    @Column(name = "key_hash", nullable = false, length = 64)
    public String keyHash;
    @Column(name = "key_hint", length = 8)
    public String keyHint;
    public String info;
    @Column(nullable = false)
    public boolean enabled;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /** The appkey encrypted by the SecretCipher (V15); null when only the hash is kept. */
    @Column(name = "key_enc")
    public byte[] keyEnc;
}
