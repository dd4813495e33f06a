package com.pveams.adapters.persistence.reservation;

import com.pveams.application.port.out.reservation.CreateClaimStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/**
 * Transaction-scoped advisory locks on a create's hostname and idempotency key, then reads of the committed VM
 * rows. A lock key is a 32-bit hash of the value: two values that share it only serialise, never conflict.
 */
@ApplicationScoped
public class CreateClaimPersistenceAdapter implements CreateClaimStore {
    /** First keys of the two-key advisory locks, apart from the IP-pool node lock ({@code 0x1F0001}). */
    static final int HOSTNAME_LOCK = 0x1F0002;
    static final int IDEMPOTENCY_LOCK = 0x1F0003;

    private final EntityManager em;

    @Inject
    public CreateClaimPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public void lockHostname(String key) {
        lock(HOSTNAME_LOCK, key);
    }

    @Override
    public boolean liveVmHasHostname(String key) {
        // served by ux_vm_hostname_live (lower(hostname) WHERE delete_state = 0)
        return !em.createNativeQuery("SELECT 1 FROM vm WHERE lower(hostname) = ?1 AND delete_state = 0")
                .setParameter(1, key).getResultList().isEmpty();
    }

    @Override
    public void lockIdempotencyKey(String stored) {
        lock(IDEMPOTENCY_LOCK, stored);
    }

    @Override
    public Optional<Long> vmWithIdempotencyKey(String stored) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM vm WHERE idempotency_key = ?1")
                .setParameter(1, stored).getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    private void lock(int kind, String value) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1, hashtext(?2))) AS l")
                .setParameter(1, kind).setParameter(2, value).getSingleResult();
    }
}
