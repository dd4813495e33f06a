package com.pveams.application.port.in.operation;

import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationSearch;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** The operation history: steps, attempts, UPIDs, timings and errors of every durable operation. */
public interface OperationQuery {
    /** Newest first, filtered by status, type and VM. */
    Page<Operation> search(OperationSearch search, PageRequest page);

    /** The operation with this id and its steps; a failure with the legacy code 20400 when there is none. */
    Operation open(long id);
}
