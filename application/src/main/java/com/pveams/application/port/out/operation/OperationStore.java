package com.pveams.application.port.out.operation;

import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.Operation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Durable operations as the engine uses them; shared by every replica. */
public interface OperationStore {

    /**
     * Writes the operation and its steps (the first due at {@code now}) in the caller's transaction, and has every
     * replica woken when it commits. Refuses a second active operation on one VM with
     * {@code VM_OPERATION_IN_PROGRESS} and a reused idempotency key with {@code VALID_DATA_ERROR}.
     *
     * @return the operation's id
     */
    long insert(NewOperation operation, Instant now);

    /**
     * Leases up to {@code max} claimable steps (by {@link com.pveams.domain.operation.Step#claimableAt}'s rule,
     * oldest due first, skipping rows other replicas are claiming) to {@code owner} until {@code leaseUntil}, and
     * starts their operations. Committed before it returns.
     */
    List<ClaimedStep> claim(String owner, Instant now, Instant leaseUntil, int max);

    Optional<Operation> find(long operationId);

    /**
     * Locks the operation, applies {@code change} to it and saves what changed, in one transaction (its own unless
     * the caller has one); announces to every replica when a step became due at once.
     */
    <T> T update(long operationId, Function<Operation, T> change);

    /** Extends the leases {@code owner} still holds among {@code stepIds}; returns those it still holds. */
    Set<Long> renewLeases(String owner, Collection<Long> stepIds, Instant until);

    /** Steps claimable at {@code now}: the backlog every replica shares. */
    long queueDepth(Instant now);
}
