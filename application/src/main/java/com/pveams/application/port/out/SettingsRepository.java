package com.pveams.application.port.out;

import com.pveams.domain.settings.DefaultDiskSizes;

public interface SettingsRepository {
    DefaultDiskSizes defaultDiskSizes();

    void saveDefaultDiskSizes(DefaultDiskSizes sizes);

    /** The node-side shared secret; generated once when the settings row is first written. */
    String controlledSecret();
}
