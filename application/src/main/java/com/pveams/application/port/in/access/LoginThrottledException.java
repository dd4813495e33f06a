package com.pveams.application.port.in.access;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.time.Duration;

/** Too many failed logins: carries how long to wait so the adapter can say so (Retry-After). */
public class LoginThrottledException extends DomainException {
    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super(ErrorCode.ACCOUNT_LOCK, null, "请在 " + retryAfter.toSeconds() + " 秒后重试",
                "retry in " + retryAfter.toSeconds() + " seconds");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
