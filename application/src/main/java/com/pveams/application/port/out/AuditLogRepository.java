package com.pveams.application.port.out;

import com.pveams.domain.audit.AuditEntry;

import java.time.Instant;

public interface AuditLogRepository {
    void append(AuditEntry entry);

    /** Deletes rows older than the cutoff; returns how many. */
    int purgeBefore(Instant cutoff);
}
