package com.pveams.application.port.out;

import com.pveams.domain.settings.SystemSettings;

public interface SettingsRepository {
    /** The settings row (created by the first migration, so it always exists). */
    SystemSettings load();

    /** Loads the row locked for update, so concurrent edits of different fields do not overwrite each other. */
    SystemSettings loadForUpdate();

    void save(SystemSettings settings);
}
