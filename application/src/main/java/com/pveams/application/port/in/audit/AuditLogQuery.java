package com.pveams.application.port.in.audit;

import com.pveams.domain.audit.AuditRecord;
import com.pveams.domain.audit.AuditSearch;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** Reading the audit log: newest first, filtered; one row by id. */
public interface AuditLogQuery {
    Page<AuditRecord> search(AuditSearch search, PageRequest page);

    /** The row with this id; a failure with the legacy code 20400 when there is none. */
    AuditRecord open(long id);
}
