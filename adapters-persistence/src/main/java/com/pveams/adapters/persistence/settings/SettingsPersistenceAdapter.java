package com.pveams.adapters.persistence.settings;

import com.pveams.application.port.out.SettingsRepository;
import com.pveams.domain.settings.DefaultDiskSizes;
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
    public DefaultDiskSizes defaultDiskSizes() {
        SystemSettingsEntity s = row(LockModeType.NONE);
        return new DefaultDiskSizes(s.linuxSystemDiskGb, s.windowsSystemDiskGb);
    }

    @Override
    public void saveDefaultDiskSizes(DefaultDiskSizes sizes) {
        SystemSettingsEntity s = row(LockModeType.PESSIMISTIC_WRITE);
        s.linuxSystemDiskGb = sizes.linuxGb();
        s.windowsSystemDiskGb = sizes.windowsGb();
        s.updatedAt = Instant.now();
    }

    @Override
    public String controlledSecret() {
        return row(LockModeType.NONE).controlledSecret;
    }

    private SystemSettingsEntity row(LockModeType lock) {
        SystemSettingsEntity s = em.find(SystemSettingsEntity.class, SystemSettingsEntity.SINGLETON_ID, lock);
        if (s == null) {
            throw new IllegalStateException("system_settings row 1 is missing; the V1 migration creates it");
        }
        return s;
    }
}
