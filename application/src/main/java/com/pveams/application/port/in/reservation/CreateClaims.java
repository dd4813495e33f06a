package com.pveams.application.port.in.reservation;

import com.pveams.domain.reservation.IdempotencyKey;
import com.pveams.domain.reservation.VmHostname;

import java.util.Optional;

/**
 * What a create claims in its own transaction, before it writes the VM row: the hostname and the request's
 * {@code Idempotency-Key}. Each claim holds a transaction-scoped lock on its value until the caller's transaction
 * ends, so a concurrent create with the same value waits and then sees the committed VM instead of racing it.
 */
public interface CreateClaims {

    /**
     * @return the hostname to store on the VM row
     * @throws com.pveams.domain.error.DomainException 1043 when a live VM has the name (any case), 1031 for Chinese,
     *                                                 4000002 for anything that is not a DNS name
     */
    VmHostname claimHostname(String hostname);

    /**
     * @param caller who sends the create ({@code api:<appid>}, {@code admin:<username>}): keys are per caller
     * @return the key to store on the new VM row ({@code IdempotencyKey.stored()}) and, when a create with this key
     * already committed its VM, that VM's id: answer with it and create nothing
     */
    IdempotentCreate claimIdempotencyKey(String caller, String key);

    record IdempotentCreate(IdempotencyKey key, Optional<Long> existingVmId) {
    }
}
