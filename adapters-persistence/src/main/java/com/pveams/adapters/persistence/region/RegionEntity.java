package com.pveams.adapters.persistence.region;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

/** The generated columns {@code level}/{@code parent_level} are not mapped: the domain derives the level. */
@Entity
@Table(name = "region")
public class RegionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 64)
    public String name;
    public String geo;
    @Column(name = "parent_id")
    public Long parentId;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
