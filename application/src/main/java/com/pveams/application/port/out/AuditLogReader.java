package com.pveams.application.port.out;

import com.pveams.domain.audit.AuditRecord;
import com.pveams.domain.audit.AuditSearch;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Optional;

public interface AuditLogReader {
    /** Rows matching every given criterion, newest first. */
    Page<AuditRecord> search(AuditSearch search, PageRequest page);

    Optional<AuditRecord> findById(long id);
}
