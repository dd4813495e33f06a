package com.pveams.application.service.reservation;

import com.pveams.application.port.in.reservation.CreateClaims;
import com.pveams.application.port.out.reservation.CreateClaimStore;
import com.pveams.domain.reservation.IdempotencyKey;
import com.pveams.domain.reservation.VmHostname;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/**
 * Claims in the caller's transaction ({@code MANDATORY}): the lock each takes must last until the VM row is
 * committed. The unique indexes {@code ux_vm_hostname_live} and {@code uq_vm_idempotency_key} stay the last line
 * of defence for writers that skip the claim.
 */
@Singleton
public class CreateClaimService implements CreateClaims {
    private final CreateClaimStore store;

    @Inject
    public CreateClaimService(CreateClaimStore store) {
        this.store = store;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public VmHostname claimHostname(String hostname) {
        VmHostname name = VmHostname.of(hostname);
        store.lockHostname(name.key());
        if (store.liveVmHasHostname(name.key())) {
            throw VmHostname.taken(name);
        }
        return name;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public IdempotentCreate claimIdempotencyKey(String caller, String key) {
        IdempotencyKey k = IdempotencyKey.of(caller, key);
        store.lockIdempotencyKey(k.stored());
        return new IdempotentCreate(k, store.vmWithIdempotencyKey(k.stored()));
    }
}
