package com.pveams.application.service;

import com.pveams.application.port.in.settings.SystemSettingsUseCase;
import com.pveams.application.port.out.SettingsRepository;
import com.pveams.domain.settings.DefaultDiskSizes;
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
    public DefaultDiskSizes defaultDiskSizes() {
        return settings.defaultDiskSizes();
    }

    @Override
    @Transactional
    public void updateDefaultDiskSizes(DefaultDiskSizes sizes) {
        settings.saveDefaultDiskSizes(sizes);
    }

    @Override
    @Transactional
    public String controlledSecret() {
        return settings.controlledSecret();
    }
}
