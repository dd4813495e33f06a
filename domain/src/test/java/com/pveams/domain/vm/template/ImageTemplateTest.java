package com.pveams.domain.vm.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.domain.error.DomainException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImageTemplateTest {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    static ImageTemplate building() {
        return new ImageTemplate(1, 7L, 3, "local-lvm", TemplateState.BUILDING, null, null, false, null, T0);
    }

    @Test
    void aBuildReservesThenBecomesReadyAndOnlyThenCloneable() {
        ImageTemplate t = building();
        assertFalse(t.cloneable());
        t.assignVmid(11, 9000, T0);
        t.assignVmid(11, 9000, T0); // a re-run of the reserve step
        assertThrows(IllegalStateException.class, () -> t.assignVmid(12, 9001, T0));
        t.ready(true, T0.plusSeconds(5));
        assertTrue(t.cloneable());
        assertTrue(t.linkedClones());
        assertEquals(9000, t.vmid());
        assertThrows(IllegalStateException.class, () -> t.assignVmid(11, 9000, T0));
    }

    @Test
    void notReadyWithoutAVmid() {
        assertThrows(IllegalStateException.class, () -> building().ready(true, T0));
    }

    @Test
    void aFailedBuildHoldsNothingAndMayBeTriedAgainOnlyAfterThePause() {
        ImageTemplate t = building();
        t.assignVmid(11, 9000, T0);
        t.failed("import failed", T0);
        assertEquals(TemplateState.FAILED, t.state());
        assertNull(t.vmid());
        assertNull(t.reservationId());
        assertFalse(t.cloneable());
        assertFalse(t.mayBuildAgain(T0.plus(ImageTemplate.RETRY_PAUSE).minus(Duration.ofSeconds(1))));
        assertTrue(t.mayBuildAgain(T0.plus(ImageTemplate.RETRY_PAUSE)));
        t.failed("again", T0.plusSeconds(1)); // a re-run of the undo changes nothing
        assertEquals("import failed", t.reason());
    }

    @Test
    void aTemplateIsDestroyedWithItsImageAndABuildUnderWayIsAbandoned() {
        ImageTemplate underWay = building();
        underWay.assignVmid(11, 9000, T0);
        assertFalse(underWay.destroying(T0), "the build's own undo removes what it made");
        assertTrue(underWay.abandoned());
        assertThrows(IllegalStateException.class, () -> underWay.ready(true, T0));

        ImageTemplate t = building();
        t.assignVmid(11, 9000, T0);
        t.ready(false, T0);
        assertTrue(t.destroying(T0), "a built template needs its VM destroyed");
        assertEquals(TemplateState.DESTROYING, t.state());
        assertFalse(t.cloneable());

        ImageTemplate failed = building();
        failed.failed("x", T0);
        assertFalse(failed.destroying(T0), "nothing on PVE");
    }

    @Test
    void theStorageIsAPveStorageId() {
        assertThrows(DomainException.class, () -> new ImageTemplate(1, 7L, 3, "local,lvm", TemplateState.BUILDING,
                null, null, false, null, T0));
        assertThrows(DomainException.class, () -> new ImageTemplate(1, 7L, 3, " ", TemplateState.BUILDING,
                null, null, false, null, T0));
    }

    @Test
    void linkedClonesOnStoragesWithClonesOrQcow2Files() {
        for (String t : new String[]{"lvmthin", "zfspool", "rbd", "dir", "nfs", "btrfs"}) {
            assertTrue(CloneSupport.linkedClones(t), t);
        }
        for (String t : new String[]{"lvm", "iscsi", "iscsidirect", "pbs"}) {
            assertFalse(CloneSupport.linkedClones(t), t);
        }
        assertFalse(CloneSupport.linkedClones(null));
    }
}
