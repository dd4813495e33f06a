package com.pveams.application.service;

import com.pveams.application.config.AccessPolicy;
import com.pveams.application.config.RetentionPolicy;
import com.pveams.application.port.in.HousekeepingUseCase;
import com.pveams.application.port.out.AuditLogRepository;
import com.pveams.application.port.out.LoginAttemptLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** Idempotent purges, safe to run from every replica at once. */
@Singleton
public class HousekeepingService implements HousekeepingUseCase {
    private final AuditLogRepository audit;
    private final LoginAttemptLog loginFailures;
    private final Clock clock;
    private final AccessPolicy access;
    private final RetentionPolicy retention;

    @Inject
    public HousekeepingService(AuditLogRepository audit, LoginAttemptLog loginFailures, Clock clock,
                               AccessPolicy access, RetentionPolicy retention) {
        this.audit = audit;
        this.loginFailures = loginFailures;
        this.clock = clock;
        this.access = access;
        this.retention = retention;
    }

    @Override
    @Transactional
    public Purged purgeExpired() {
        Instant now = clock.instant();
        return new Purged(audit.purgeBefore(now.minus(retention.auditLog())),
                loginFailures.purgeBefore(now.minus(access.loginFailureWindow())));
    }
}
