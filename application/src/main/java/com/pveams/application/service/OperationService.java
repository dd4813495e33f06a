package com.pveams.application.service;

import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.in.operation.OperationQuery;
import com.pveams.application.port.out.operation.OperationReader;
import com.pveams.application.port.out.operation.OperationStore;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationSearch;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Starting operations (inside the caller's transaction) and reading their history. */
@Singleton
public class OperationService implements StartOperation, OperationQuery {
    private final OperationStore store;
    private final OperationReader reader;
    private final Clock clock;

    @Inject
    public OperationService(OperationStore store, OperationReader reader, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.clock = clock;
    }

    /** Joins the caller's transaction: the operation exists exactly when what it works on does. */
    @Override
    @Transactional
    public long start(NewOperation operation) {
        return store.insert(operation, clock.instant());
    }

    @Override
    @Transactional
    public Page<Operation> search(OperationSearch search, PageRequest page) {
        return reader.search(search, page);
    }

    @Override
    @Transactional
    public Operation open(long id) {
        return reader.findById(id).orElseThrow(() -> DomainException.failure("不存在该操作", "No such operation"));
    }
}
