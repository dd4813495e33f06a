package com.pveams.application.port.out.operation;

import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationSearch;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Optional;

/** The operation history for admins. */
public interface OperationReader {
    /** Operations matching every given filter, newest first, each with its steps. */
    Page<Operation> search(OperationSearch search, PageRequest page);

    Optional<Operation> findById(long id);
}
