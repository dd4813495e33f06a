package com.pveams.domain.vm;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftTest {
    private static final DriftSubject ROW = new DriftSubject(101, "web-1", 2048, 2, 2);

    private static DriftObservation pve(String name, long memoryMb, int cpus) {
        return new DriftObservation(101, name, "running", memoryMb << 20, cpus);
    }

    @Test
    void aGuestMatchingItsRowHasNoDrift() {
        Drift d = Drift.between(ROW, Optional.of(pve("web-1", 2048, 4)));
        assertTrue(d.none());
        assertSame(Drift.NONE, d);
    }

    @Test
    void aGuestPveDoesNotListIsMissingAndNothingElse() {
        Drift d = Drift.between(ROW, Optional.empty());
        assertEquals(Set.of(DriftKind.MISSING), d.kinds());
        assertEquals("101", d.differences().get(DriftKind.MISSING).stored());
        assertNull(d.differences().get(DriftKind.MISSING).pve());
    }

    @Test
    void nameMemoryAndVcpusAreComparedWithBothValuesKept() {
        Drift d = Drift.between(ROW, Optional.of(pve("renamed", 4096, 2)));
        assertEquals(Set.of(DriftKind.NAME, DriftKind.MEMORY, DriftKind.CORES), d.kinds());
        assertEquals(new Drift.Difference("web-1", "renamed"), d.differences().get(DriftKind.NAME));
        assertEquals(new Drift.Difference("2048", "4096"), d.differences().get(DriftKind.MEMORY));
        // sockets × cores, as PVE's maxcpu counts them
        assertEquals(new Drift.Difference("4", "2"), d.differences().get(DriftKind.CORES));
        assertFalse(d.none());
        assertEquals("memory", DriftKind.MEMORY.key());
    }

    @Test
    void pveStateCorrectsOnlySettledPowerStates() {
        assertEquals(Optional.of(VmState.STOPPED), DriftStatus.corrected(VmState.RUNNING, "stopped"));
        assertEquals(Optional.of(VmState.RUNNING), DriftStatus.corrected(VmState.STOPPED, "running"));
        assertEquals(Optional.of(VmState.STOPPED), DriftStatus.corrected(VmState.PAUSED, "stopped"));
        assertEquals(Optional.of(VmState.STOPPED), DriftStatus.corrected(VmState.SUSPENDED, "stopped"));
        // already right
        assertEquals(Optional.empty(), DriftStatus.corrected(VmState.RUNNING, "running"));
        assertEquals(Optional.empty(), DriftStatus.corrected(VmState.STOPPED, "stopped"));
        // PVE lists a paused guest as running: the stored pause is kept
        assertEquals(Optional.empty(), DriftStatus.corrected(VmState.PAUSED, "running"));
        // transitional statuses belong to their operation; business statuses are not PVE's to change
        for (VmState s : new VmState[]{VmState.STARTING, VmState.STOPPING, VmState.REBOOTING, VmState.CREATING,
                VmState.REINSTALLING, VmState.EXPIRED, VmState.OVER_QUOTA, VmState.RESETTING_PASSWORD}) {
            assertEquals(Optional.empty(), DriftStatus.corrected(s, "stopped"), s.name());
            assertEquals(Optional.empty(), DriftStatus.corrected(s, "running"), s.name());
        }
        // an unreachable member's guests are "unknown": nothing is concluded
        assertEquals(Optional.empty(), DriftStatus.corrected(VmState.RUNNING, "unknown"));
        assertEquals(Optional.empty(), DriftStatus.corrected(VmState.RUNNING, null));
    }
}
