package com.pveams.adapters.persistence.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "system_settings")
public class SystemSettingsEntity {
    public static final short SINGLETON_ID = 1;

    @Id
    public Short id;
    @Column(name = "linux_system_disk_gb", nullable = false)
    public int linuxSystemDiskGb;
    @Column(name = "windows_system_disk_gb", nullable = false)
    public int windowsSystemDiskGb;
    @Column(name = "default_bwlimit_kbps", nullable = false)
    public int defaultBwlimitKbps;
    @Column(name = "vnc_session_minutes", nullable = false)
    public int vncSessionMinutes;
    @Column(name = "recycle_bin_days", nullable = false)
    public int recycleBinDays;
    @Column(name = "controlled_secret", nullable = false)
    public String controlledSecret;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
