package com.pveams.domain.vm.build;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestMarkerTest {
    private final GuestMarker marker = new GuestMarker(7);

    @Test
    void everyStageOfThisVmsGuestIsRecognised() {
        assertEquals("pveams-vm-id=7", marker.text());
        assertEquals(Optional.of(VmBlueprint.Made.IMPORTED), marker.made("pveams-vm-id=7\n"));
        assertEquals(Optional.of(VmBlueprint.Made.CLONED_UNCONFIGURED), marker.made("pveams-vm-id=7 cloning"));
        assertEquals(Optional.of(VmBlueprint.Made.CLONED), marker.made("pveams-vm-id=7 cloned"));
    }

    @Test
    void anotherVmsGuestOrAForeignOneIsNeverThisVms() {
        assertFalse(marker.madeThis("pveams-vm-id=70"));
        assertFalse(marker.madeThis("pveams-vm-id=70 cloning"));
        assertFalse(marker.madeThis("pveams-vm-id=7 cloning extra"));
        assertFalse(marker.madeThis("template of OS image 7 (ProxmoxVE-AMS)"));
        assertFalse(marker.madeThis(""));
        assertFalse(marker.madeThis(null));
        assertTrue(marker.madeThis(" pveams-vm-id=7 "));
    }
}
