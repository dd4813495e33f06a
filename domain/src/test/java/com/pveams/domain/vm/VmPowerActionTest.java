package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.vm.VmPowerAction.PveCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmPowerActionTest {
    private static final ObservedPower RUNNING = new ObservedPower(true, false, null);
    private static final ObservedPower PAUSED_IN_RAM = new ObservedPower(true, true, null);
    private static final ObservedPower STOPPED = new ObservedPower(false, false, null);

    private static ErrorCode refusal(Runnable r) {
        return assertThrows(DomainException.class, r::run).code();
    }

    @Test
    void actionsAreTheContractsNamesCaseInsensitively() {
        assertEquals(VmPowerAction.STOP, VmPowerAction.parse("stop"));
        assertEquals(VmPowerAction.UNPAUSE, VmPowerAction.parse(" UnPause "));
        DomainException e = assertThrows(DomainException.class, () -> VmPowerAction.parse("reset"));
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals(Optional.of("action"), e.field());
        assertEquals(Optional.of("action"), assertThrows(DomainException.class, () -> VmPowerAction.parse(null)).field());
    }

    @Test
    void stopIsTheGracefulShutdownAndShutdownTheForcedStop() {
        assertEquals(Optional.of(PveCall.GRACEFUL_SHUTDOWN), VmPowerAction.STOP.nextCall(RUNNING));
        assertEquals(Optional.of(PveCall.FORCED_STOP), VmPowerAction.SHUTDOWN.nextCall(RUNNING));
        assertEquals(Optional.of(PveCall.FORCED_STOP), VmPowerAction.PAUSE.nextCall(PAUSED_IN_RAM));
        assertEquals(Optional.of(PveCall.HIBERNATE), VmPowerAction.SUSPEND.nextCall(RUNNING));
    }

    @Test
    void whatIsAlreadyDoneIsNotDoneAgain() {
        assertEquals(Optional.empty(), VmPowerAction.START.nextCall(RUNNING));
        assertEquals(Optional.empty(), VmPowerAction.STOP.nextCall(STOPPED));
        assertEquals(Optional.empty(), VmPowerAction.SHUTDOWN.nextCall(STOPPED));
        assertEquals(Optional.empty(), VmPowerAction.SUSPEND.nextCall(STOPPED));
        assertEquals(Optional.empty(), VmPowerAction.UNPAUSE.nextCall(RUNNING));
        // a guest paused in RAM is resumed, a stopped (or hibernated) one started
        assertEquals(Optional.of(PveCall.RESUME), VmPowerAction.START.nextCall(PAUSED_IN_RAM));
        assertEquals(Optional.of(PveCall.START), VmPowerAction.RESUME.nextCall(STOPPED));
        // a reboot of a stopped VM starts it; of a running one always reboots
        assertEquals(Optional.of(PveCall.START), VmPowerAction.REBOOT.nextCall(STOPPED));
        assertEquals(Optional.of(PveCall.REBOOT), VmPowerAction.REBOOT.nextCall(RUNNING));
    }

    @Test
    void locksOtherThanHibernationMakeItWait() {
        assertTrue(new ObservedPower(true, false, "backup").busy());
        assertFalse(new ObservedPower(false, false, "suspended").busy());
        assertFalse(STOPPED.busy());
    }

    @Test
    void transitionsGoThroughTheLegacyStatuses() {
        PowerTransition start = VmPowerAction.START.admit(VmState.STOPPED, false);
        assertEquals(VmState.STARTING, start.transitional());
        assertEquals(VmState.RUNNING, start.settled());
        assertEquals(VmState.STOPPED, start.previous());
        assertEquals(VmState.STOPPING, VmPowerAction.STOP.admit(VmState.RUNNING, false).transitional());
        assertEquals(VmState.FORCE_STOPPING, VmPowerAction.SHUTDOWN.admit(VmState.RUNNING, false).transitional());
        assertEquals(VmState.STOPPED, VmPowerAction.SHUTDOWN.admit(VmState.RUNNING, false).settled());
        assertEquals(VmState.SUSPENDED, VmPowerAction.SUSPEND.admit(VmState.RUNNING, false).settled());
        assertEquals(VmState.PAUSED, VmPowerAction.PAUSE.admit(VmState.RUNNING, false).settled());
        assertEquals(VmState.RUNNING, VmPowerAction.UNPAUSE.admit(VmState.PAUSED, false).settled());
        // stopping a paused or expired VM keeps it so
        assertEquals(VmState.PAUSED, VmPowerAction.SHUTDOWN.admit(VmState.PAUSED, false).settled());
        assertEquals(VmState.EXPIRED, VmPowerAction.STOP.admit(VmState.EXPIRED, true).settled());
    }

    @Test
    void refusalsUseTheLegacyCodes() {
        for (VmPowerAction a : VmPowerAction.values()) {
            assertEquals(ErrorCode.VM_IS_INSTALLOS, refusal(() -> a.admit(VmState.CREATING, false)), a.name());
            assertEquals(ErrorCode.VM_IS_INSTALLOS, refusal(() -> a.admit(VmState.REINSTALLING, false)), a.name());
        }
        for (VmPowerAction a : new VmPowerAction[]{VmPowerAction.START, VmPowerAction.REBOOT, VmPowerAction.SUSPEND,
                VmPowerAction.RESUME}) {
            assertEquals(ErrorCode.VM_IS_DISABLED, refusal(() -> a.admit(VmState.PAUSED, false)), a.name());
            assertEquals(ErrorCode.ERROR, refusal(() -> a.admit(VmState.OVER_QUOTA, false)), a.name());
        }
        for (VmPowerAction a : new VmPowerAction[]{VmPowerAction.START, VmPowerAction.REBOOT, VmPowerAction.RESUME}) {
            assertEquals(ErrorCode.VM_IS_EXPIRED, refusal(() -> a.admit(VmState.EXPIRED, true)), a.name());
            // past the date but not yet marked by the job
            assertEquals(ErrorCode.VM_IS_EXPIRED, refusal(() -> a.admit(VmState.STOPPED, true)), a.name());
        }
        assertEquals(ErrorCode.VM_IS_EXPIRED, refusal(() -> VmPowerAction.UNPAUSE.admit(VmState.PAUSED, true)));
        assertEquals(ErrorCode.ERROR, refusal(() -> VmPowerAction.UNPAUSE.admit(VmState.RUNNING, false)));
        // powering off is always allowed
        VmPowerAction.STOP.admit(VmState.PAUSED, true);
        VmPowerAction.SHUTDOWN.admit(VmState.OVER_QUOTA, false);
        VmPowerAction.PAUSE.admit(VmState.EXPIRED, true);
    }

    @Test
    void theExpiryStopMarksTheVmExpiredAtOnce() {
        PowerTransition t = PowerTransition.expire(VmState.RUNNING);
        assertEquals(VmPowerAction.STOP, t.action());
        assertEquals(VmState.EXPIRED, t.transitional());
        assertEquals(VmState.EXPIRED, t.settled());
        assertEquals(VmState.RUNNING, t.previous());
        assertEquals(ErrorCode.VM_IS_INSTALLOS, refusal(() -> PowerTransition.expire(VmState.CREATING)));
        assertEquals(t, PowerTransition.fromParams(t.params(4101)));
        assertEquals(4101, t.params(4101).get("vmid"));
        // a failed start after a renewal leaves the VM stopped, not expired
        assertEquals(VmState.STOPPED, PowerTransition.startAfterRenewal().previous());
    }

    @Test
    void aRenewalMustLieInTheFuture() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        long later = now.plusSeconds(86400).toEpochMilli();
        assertEquals(Instant.ofEpochMilli(later), Renewal.of(later, now).expiresAt());
        assertEquals(Instant.ofEpochMilli(later), Renewal.of(later / 1000, now).expiresAt(), "10 digits are seconds");
        for (Long bad : new Long[]{now.toEpochMilli(), now.toEpochMilli() - 1, 0L, -5L, 583883808973L, Long.MAX_VALUE}) {
            DomainException e = assertThrows(DomainException.class, () -> Renewal.of(bad, now), String.valueOf(bad));
            assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
            assertEquals(Optional.of("expirationTime"), e.field());
        }
        assertEquals(Optional.of("expirationTime"), assertThrows(DomainException.class, () -> Renewal.of(null, now)).field());
    }

    @Test
    void onlyAnExpiredVmIsStartedAgainAndAPausedOneIsNotRenewed() {
        Renewal r = Renewal.of(Instant.parse("2031-01-01T00:00:00Z").toEpochMilli(), Instant.parse("2030-01-01T00:00:00Z"));
        assertTrue(r.restarts(VmState.EXPIRED));
        assertFalse(r.restarts(VmState.RUNNING));
        assertFalse(r.restarts(VmState.STOPPED));
        assertEquals(ErrorCode.VM_IS_DISABLED, refusal(() -> r.restarts(VmState.PAUSED)));
    }
}
