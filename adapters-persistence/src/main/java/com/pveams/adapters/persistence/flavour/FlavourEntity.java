package com.pveams.adapters.persistence.flavour;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

@Entity
@Table(name = "flavour")
public class FlavourEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 64)
    public String name;
    public int sockets;
    public int cores;
    public int threads;
    public boolean devirtualization;
    public boolean kvm;
    @Column(name = "cpu_model_id")
    public Long cpuModelId;
    @Column(name = "model_group_id")
    public Long modelGroupId;
    public boolean nested;
    @Column(nullable = false, length = 64)
    public String cpu;
    @Column(name = "cpu_units")
    public int cpuUnits;
    @Column(name = "bwlimit_kbps")
    public Integer bwlimitKbps;
    @Column(nullable = false, length = 16)
    public String arch;
    public boolean acpi;
    @Column(name = "memory_mb")
    public int memoryMb;
    @Column(nullable = false, length = 64)
    public String storage;
    @Column(name = "system_disk_gb")
    public Integer systemDiskGb;
    /** JSONB slot → disk, as JSON text. */
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    @Column(name = "data_disk", nullable = false, columnDefinition = "jsonb")
    public String dataDisk;
    @Column(name = "bandwidth_mbps")
    public int bandwidthMbps;
    @Column(name = "on_boot")
    public boolean onBoot;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
