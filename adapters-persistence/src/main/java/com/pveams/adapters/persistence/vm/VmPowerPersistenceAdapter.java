package com.pveams.adapters.persistence.vm;

import com.pveams.application.port.out.vm.VmPowerRows;
import com.pveams.domain.vm.VmState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL over the power columns of {@code vm}. Every write bumps {@code version}, the row's change counter
 * shared with the other writers of a VM.
 */
@ApplicationScoped
public class VmPowerPersistenceAdapter implements VmPowerRows {
    private final EntityManager em;

    @Inject
    public VmPowerPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<PowerSubject> lockLive(long vmId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, node_id, vmid, status, expires_at FROM vm
                        WHERE id = ?1 AND delete_state = 0 FOR UPDATE""")
                .setParameter(1, vmId).getResultList();
        return rows.stream().findFirst().map(r -> new PowerSubject(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), ((Number) r[2]).intValue(), VmState.stored(((Number) r[3]).intValue()),
                instant(r[4])));
    }

    @Override
    public void setStatus(long vmId, VmState status, String pauseInfo, boolean clearPauseInfo) {
        em.createNativeQuery("""
                        UPDATE vm SET status = ?2,
                               pause_info = CASE WHEN ?4 THEN NULL ELSE COALESCE(CAST(?3 AS VARCHAR), pause_info) END,
                               version = version + 1, updated_at = now()
                        WHERE id = ?1""")
                .setParameter(1, vmId).setParameter(2, (short) status.code()).setParameter(3, pauseInfo)
                .setParameter(4, clearPauseInfo).executeUpdate();
    }

    @Override
    public boolean compareAndSetStatus(long vmId, VmState expected, VmState next) {
        return em.createNativeQuery("""
                        UPDATE vm SET status = ?3, version = version + 1
                        WHERE id = ?1 AND status = ?2 AND delete_state = 0""")
                .setParameter(1, vmId).setParameter(2, (short) expected.code()).setParameter(3, (short) next.code())
                .executeUpdate() == 1;
    }

    @Override
    public void setExpiry(long vmId, Instant expiresAt) {
        em.createNativeQuery("UPDATE vm SET expires_at = ?2, version = version + 1, updated_at = now() WHERE id = ?1")
                .setParameter(1, vmId).setParameter(2, expiresAt.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    /** Served by {@code ix_vm_expires_at}; paused, creating and reinstalling VMs are left out (see the job). */
    @Override
    public List<Long> dueForExpiry(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        SELECT id FROM vm
                        WHERE delete_state = 0 AND status <> 5 AND expires_at <= ?1 AND status NOT IN (4, 6, 13)
                        ORDER BY expires_at, id LIMIT ?2""")
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @Override
    public List<Long> expiredBefore(Instant expiredBefore, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        SELECT v.id FROM vm v
                        WHERE v.delete_state = 0 AND v.status = 5 AND v.expires_at < ?1
                          AND NOT EXISTS (SELECT 1 FROM operation o WHERE o.vm_id = v.id
                                          AND o.status IN ('PENDING', 'RUNNING', 'COMPENSATING'))
                        ORDER BY v.expires_at, v.id LIMIT ?2""")
                .setParameter(1, expiredBefore.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private static Instant instant(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        return ((Timestamp) o).toInstant();
    }
}
