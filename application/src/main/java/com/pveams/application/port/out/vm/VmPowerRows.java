package com.pveams.application.port.out.vm;

import com.pveams.domain.vm.VmState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The few columns of a VM row that power actions, renewal and expiry read and write. */
public interface VmPowerRows {

    /** A live VM (not in the recycle bin, not deleted), locked until the transaction ends. */
    Optional<PowerSubject> lockLive(long vmId);

    /** Sets the status; a non-null {@code pauseInfo} replaces the stored reason, {@code clearPauseInfo} removes it. */
    void setStatus(long vmId, VmState status, String pauseInfo, boolean clearPauseInfo);

    /** Sets the status only if it still is {@code expected}; false when something else changed it meanwhile. */
    boolean compareAndSetStatus(long vmId, VmState expected, VmState next);

    void setExpiry(long vmId, Instant expiresAt);

    /** Live VMs past their expiry that the expiry job should stop, oldest expiry first. */
    List<Long> dueForExpiry(Instant now, int limit);

    /** Live VMs marked expired whose expiry is before {@code expiredBefore}, with no operation running, oldest first. */
    List<Long> expiredBefore(Instant expiredBefore, int limit);

    record PowerSubject(long id, long nodeId, int vmid, VmState status, Instant expiresAt) {
    }
}
