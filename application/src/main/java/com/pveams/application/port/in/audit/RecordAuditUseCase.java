package com.pveams.application.port.in.audit;

import com.pveams.domain.audit.AuditEntry;

public interface RecordAuditUseCase {
    void record(AuditEntry entry);
}
