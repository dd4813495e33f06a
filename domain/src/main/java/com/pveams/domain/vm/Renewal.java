package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.time.Instant;

/**
 * A renewal's new expiry ({@code expirationTime}): epoch milliseconds, or seconds when it has at most 10 digits
 * (as create accepts them; a millisecond value that small lies in 1973, so nothing valid is misread). It must lie
 * in the future (the legacy stored any value: BUG) and not past the year 9999.
 */
public record Renewal(Instant expiresAt) {
    static final long SECONDS_LIMIT = 10_000_000_000L;
    static final long LATEST_MILLIS = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z

    public static Renewal of(Long expirationTime, Instant now) {
        if (expirationTime == null) {
            throw DomainException.required("expirationTime");
        }
        long millis = expirationTime > 0 && expirationTime < SECONDS_LIMIT ? expirationTime * 1000 : expirationTime;
        if (millis > LATEST_MILLIS) {
            throw DomainException.invalid("expirationTime", "不能晚于9999年", "must not be later than the year 9999");
        }
        Instant at = Instant.ofEpochMilli(millis);
        if (!at.isAfter(now)) {
            throw DomainException.invalid("expirationTime", "必须晚于当前时间", "must be in the future");
        }
        return new Renewal(at);
    }

    /**
     * Checks that a VM in {@code current} may be renewed (an administratively paused VM may not: 1018, as the
     * legacy) and says whether it must be started again: only a VM the expiry job stopped.
     */
    public boolean restarts(VmState current) {
        if (current == VmState.PAUSED) {
            throw new DomainException(ErrorCode.VM_IS_DISABLED);
        }
        return current == VmState.EXPIRED;
    }
}
