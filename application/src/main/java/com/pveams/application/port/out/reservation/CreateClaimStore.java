package com.pveams.application.port.out.reservation;

import java.util.Optional;

/** Transaction-scoped claims of a create: locks on values, and what the committed VM rows already hold. */
public interface CreateClaimStore {
    /** Locks the (lower-cased) hostname until the transaction ends. */
    void lockHostname(String key);

    boolean liveVmHasHostname(String key);

    /** Locks the stored idempotency key until the transaction ends. */
    void lockIdempotencyKey(String stored);

    Optional<Long> vmWithIdempotencyKey(String stored);
}
