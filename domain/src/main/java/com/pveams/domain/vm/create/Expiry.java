package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;

import java.time.Duration;
import java.time.Instant;

/** The request's {@code expirationTime}: 10 digits are seconds, 13 milliseconds; none = ten years, as the legacy. */
public final class Expiry {
    public static final Duration DEFAULT = Duration.ofMillis(315_360_000_000L);

    private Expiry() {
    }

    public static Instant of(Long expirationTime, Instant now) {
        if (expirationTime == null || expirationTime == 0) {
            return now.plus(DEFAULT);
        }
        int digits = Long.toString(Math.abs(expirationTime)).length();
        Instant at;
        if (expirationTime > 0 && digits == 10) {
            at = Instant.ofEpochSecond(expirationTime);
        } else if (expirationTime > 0 && digits == 13) {
            at = Instant.ofEpochMilli(expirationTime);
        } else {
            throw DomainException.invalid("expirationTime", "必须是 10 位（秒）或 13 位（毫秒）的时间戳",
                    "must be an epoch time of 10 digits (seconds) or 13 digits (milliseconds)");
        }
        if (!at.isAfter(now)) {
            throw DomainException.invalid("expirationTime", "必须晚于当前时间", "must lie in the future");
        }
        return at;
    }
}
