package com.pveams.application.operation;

import com.pveams.domain.operation.NewOperation;

/**
 * Starts a durable operation. Called by application services inside their own transaction, so the operation is
 * written together with what it is about (the VM row, the reserved addresses) or not at all; workers on every
 * replica are woken when that transaction commits.
 */
public interface StartOperation {
    /**
     * @return the new operation's id
     * @throws com.pveams.domain.error.DomainException {@code VM_OPERATION_IN_PROGRESS} when the VM already has an
     *         active operation
     */
    long start(NewOperation operation);
}
