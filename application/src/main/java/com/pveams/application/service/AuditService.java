package com.pveams.application.service;

import com.pveams.application.port.in.audit.AuditLogQuery;
import com.pveams.application.port.in.audit.RecordAuditUseCase;
import com.pveams.application.port.out.AuditLogReader;
import com.pveams.application.port.out.AuditLogRepository;
import com.pveams.domain.audit.AuditEntry;
import com.pveams.domain.audit.AuditRecord;
import com.pveams.domain.audit.AuditSearch;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

@Singleton
public class AuditService implements RecordAuditUseCase, AuditLogQuery {
    private final AuditLogRepository log;
    private final AuditLogReader reader;

    @Inject
    public AuditService(AuditLogRepository log, AuditLogReader reader) {
        this.log = log;
        this.reader = reader;
    }

    /** Its own transaction: the audit row is written whether or not the audited call's work was rolled back. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(AuditEntry entry) {
        log.append(entry);
    }

    @Override
    @Transactional
    public Page<AuditRecord> search(AuditSearch search, PageRequest page) {
        return reader.search(search, page);
    }

    @Override
    @Transactional
    public AuditRecord open(long id) {
        return reader.findById(id).orElseThrow(() -> DomainException.failure("不存在该日志", "No such log entry"));
    }
}
