package com.pveams.adapters.persistence.hardware;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

@Entity
@Table(name = "cpu_model")
public class CpuModelEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 128)
    public String name;
    public Integer family;
    public Integer model;
    public Integer stepping;
    @Column(length = 16)
    public String level;
    @Column(length = 16)
    public String xlevel;
    @Column(length = 12)
    public String vendor;
    @Column(name = "l3_cache", nullable = false)
    public boolean l3Cache;
    @Column(name = "extra_flags", length = 1024)
    public String extraFlags;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
