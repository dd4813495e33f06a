package com.pveams.application.service;

import com.pveams.application.port.in.settings.SystemSettingsUseCase;
import com.pveams.application.port.out.SettingsRepository;
import com.pveams.domain.settings.DefaultDiskSizes;
import com.pveams.domain.settings.SystemSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

@Singleton
public class SystemSettingsService implements SystemSettingsUseCase {
    private final SettingsRepository settings;

    @Inject
    public SystemSettingsService(SettingsRepository settings) {
        this.settings = settings;
    }

    @Override
    @Transactional
    public SystemSettings settings() {
        return settings.load();
    }

    @Override
    @Transactional
    public SystemSettings update(SystemSettings.Patch patch) {
        SystemSettings updated = settings.loadForUpdate().with(patch);
        settings.save(updated);
        return updated;
    }

    @Override
    @Transactional
    public DefaultDiskSizes defaultDiskSizes() {
        return settings.load().diskSizes();
    }

    @Override
    @Transactional
    public void updateDefaultDiskSizes(DefaultDiskSizes sizes) {
        update(new SystemSettings.Patch(sizes.linuxGb(), sizes.windowsGb(), null, null, null, null));
    }

    @Override
    @Transactional
    public String controlledSecret() {
        return settings.load().controlledSecret();
    }
}
