package com.pveams.application.port.out.hypervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule for what a failed PVE task means: fails for good, except lock contention. */
class TaskExitTest {

    @ParameterizedTest
    @ValueSource(strings = {"OK", "WARNINGS: 2"})
    void successIsNeitherFailure(String status) {
        TaskExit exit = new TaskExit(status);
        assertTrue(exit.succeeded());
        assertFalse(exit.transientFailure());
        assertFalse(exit.permanentFailure());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "can't lock file '/var/lock/qemu-server/lock-101.conf' - got timeout",
            "VM is locked (backup)",
            "VM 101 is locked (clone)",
            "trying to acquire lock...\nERROR: got timeout"})
    void lockContentionIsTriedAgain(String status) {
        TaskExit exit = new TaskExit(status);
        assertTrue(exit.transientFailure(), status);
        assertFalse(exit.permanentFailure(), status);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not enough space on storage 'local-lvm'",
            "storage 'gone' does not exist",
            "unable to parse value of 'net0' - format error",
            "QEMU exited with code 1",
            "no space left on device",
            ""})
    void anyOtherErrorFailsForGood(String status) {
        TaskExit exit = new TaskExit(status);
        assertTrue(exit.permanentFailure(), status);
        assertFalse(exit.transientFailure(), status);
    }

    @Test
    void aFailedTaskIsRetryableOnlyForLockContention() {
        HypervisorException lock = HypervisorException.taskFailed(
                new TaskExit("can't lock file '/var/lock/qemu-server/lock-7.conf' - got timeout"), "task failed");
        HypervisorException space = HypervisorException.taskFailed(new TaskExit("no space left on device"),
                "task failed");
        assertTrue(lock.retryable());
        assertFalse(space.retryable());
        assertTrue(space.taskExit().isPresent());
        assertFalse(new HypervisorException(HypervisorException.Kind.TASK_FAILED, "without exit").retryable());
    }

    @Test
    void aStoppedTaskTellsItsExit() {
        Upid upid = new Upid("UPID:pve1:00001234:00005678:65000000:resize:101:root@pam:");
        assertTrue(new TaskStatus(upid, false, "no space left on device").failed());
        assertFalse(new TaskStatus(upid, true, null).failed(), "still running");
        assertFalse(new TaskStatus(upid, false, "WARNINGS: 1").failed());
    }
}
