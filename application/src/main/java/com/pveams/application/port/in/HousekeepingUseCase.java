package com.pveams.application.port.in;

public interface HousekeepingUseCase {
    /** Deletes audit rows past their retention and login failures that no longer count. */
    Purged purgeExpired();

    record Purged(int auditRows, int loginFailures) {
    }
}
