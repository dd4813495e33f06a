package com.pveams.domain.settings;

import com.pveams.domain.error.DomainException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SystemSettingsTest {
    private final SystemSettings current = new SystemSettings(new DefaultDiskSizes(40, 60), 512000, 120, 3, "a".repeat(32));

    @Test
    void patchChangesOnlyTheGivenFields() {
        SystemSettings next = current.with(new SystemSettings.Patch(null, 80, null, 30, null, ""));
        assertEquals(new SystemSettings(new DefaultDiskSizes(40, 80), 512000, 30, 3, "a".repeat(32)), next);
    }

    @Test
    void invalidValuesNameTheirField() {
        assertEquals("vncTime", assertThrows(DomainException.class,
                () -> current.with(new SystemSettings.Patch(null, null, null, 0, null, null))).field().orElseThrow());
        assertEquals("token", assertThrows(DomainException.class,
                () -> current.with(new SystemSettings.Patch(null, null, null, null, null, "x$(id)xxxxxxxxxxxxxx"))).field().orElseThrow());
        assertEquals("bwlimit", assertThrows(DomainException.class,
                () -> current.with(new SystemSettings.Patch(null, null, -1, null, null, null))).field().orElseThrow());
    }
}
