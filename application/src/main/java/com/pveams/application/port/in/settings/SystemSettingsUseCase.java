package com.pveams.application.port.in.settings;

import com.pveams.domain.settings.DefaultDiskSizes;
import com.pveams.domain.settings.SystemSettings;

public interface SystemSettingsUseCase {
    SystemSettings settings();

    SystemSettings update(SystemSettings.Patch patch);

    DefaultDiskSizes defaultDiskSizes();

    void updateDefaultDiskSizes(DefaultDiskSizes sizes);

    String controlledSecret();
}
