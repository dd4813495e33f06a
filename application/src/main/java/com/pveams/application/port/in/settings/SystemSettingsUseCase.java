package com.pveams.application.port.in.settings;

import com.pveams.domain.settings.DefaultDiskSizes;

public interface SystemSettingsUseCase {
    DefaultDiskSizes defaultDiskSizes();

    void updateDefaultDiskSizes(DefaultDiskSizes sizes);

    String controlledSecret();
}
