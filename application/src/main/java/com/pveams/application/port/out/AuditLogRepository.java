package com.pveams.application.port.out;

import com.pveams.domain.audit.AuditEntry;

public interface AuditLogRepository {
    void append(AuditEntry entry);
}
