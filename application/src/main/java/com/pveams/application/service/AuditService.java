package com.pveams.application.service;

import com.pveams.application.port.in.audit.RecordAuditUseCase;
import com.pveams.application.port.out.AuditLogRepository;
import com.pveams.domain.audit.AuditEntry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

@Singleton
public class AuditService implements RecordAuditUseCase {
    private final AuditLogRepository log;

    @Inject
    public AuditService(AuditLogRepository log) {
        this.log = log;
    }

    /** Its own transaction: the audit row is written whether or not the audited call's work was rolled back. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(AuditEntry entry) {
        log.append(entry);
    }
}
