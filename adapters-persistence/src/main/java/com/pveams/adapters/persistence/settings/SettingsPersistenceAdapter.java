package com.pveams.adapters.persistence.settings;

import com.pveams.application.port.out.SettingsRepository;
import com.pveams.domain.settings.DefaultDiskSizes;
import com.pveams.domain.settings.SystemSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Instant;

/** The single settings row is created by the first migration, so it always exists. */
@ApplicationScoped
public class SettingsPersistenceAdapter implements SettingsRepository {
    private final EntityManager em;

    @Inject
    public SettingsPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public SystemSettings load() {
        return toDomain(row(LockModeType.NONE));
    }

    @Override
    public SystemSettings loadForUpdate() {
        return toDomain(row(LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void save(SystemSettings s) {
        SystemSettingsEntity e = row(LockModeType.PESSIMISTIC_WRITE);
        e.linuxSystemDiskGb = s.diskSizes().linuxGb();
        e.windowsSystemDiskGb = s.diskSizes().windowsGb();
        e.defaultBwlimitKbps = s.defaultBwlimitKbps();
        e.vncSessionMinutes = s.vncSessionMinutes();
        e.recycleBinDays = s.recycleBinDays();
        e.controlledSecret = s.controlledSecret();
        e.updatedAt = Instant.now();
    }

    private static SystemSettings toDomain(SystemSettingsEntity e) {
        return new SystemSettings(new DefaultDiskSizes(e.linuxSystemDiskGb, e.windowsSystemDiskGb), e.defaultBwlimitKbps,
                e.vncSessionMinutes, e.recycleBinDays, e.controlledSecret);
    }

    private SystemSettingsEntity row(LockModeType lock) {
        SystemSettingsEntity s = em.find(SystemSettingsEntity.class, SystemSettingsEntity.SINGLETON_ID, lock);
        if (s == null) {
            throw new IllegalStateException("system_settings row 1 is missing; the V1 migration creates it");
        }
        return s;
    }
}
