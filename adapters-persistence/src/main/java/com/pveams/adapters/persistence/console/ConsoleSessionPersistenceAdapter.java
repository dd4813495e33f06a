package com.pveams.adapters.persistence.console;

import com.pveams.application.port.out.console.ConsoleSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Plain SQL over {@code vm_console_session}; the claim is one conditional UPDATE, so a token opens once. */
@ApplicationScoped
public class ConsoleSessionPersistenceAdapter implements ConsoleSessions {
    private final EntityManager em;

    @Inject
    public ConsoleSessionPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public void replace(long vmId, String tokenHash, Instant now, Instant expiresAt, String requestedBy) {
        revokeActive(vmId);
        em.createNativeQuery("""
                        INSERT INTO vm_console_session (vm_id, token_hash, status, created_at, expires_at, requested_by)
                        VALUES (?1, ?2, 0, ?3, ?4, ?5)""")
                .setParameter(1, vmId).setParameter(2, tokenHash).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .setParameter(4, expiresAt.atOffset(ZoneOffset.UTC)).setParameter(5, requestedBy).executeUpdate();
    }

    @Override
    public Optional<Claimed> claim(long vmId, String tokenHash, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE vm_console_session SET opened_at = ?3
                        WHERE token_hash = ?1 AND vm_id = ?2 AND status = 0 AND opened_at IS NULL AND expires_at > ?3
                        RETURNING id, vm_id, requested_by""")
                .setParameter(1, tokenHash).setParameter(2, vmId).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .getResultList();
        return rows.stream().findFirst().map(r -> new Claimed(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), (String) r[2]));
    }

    @Override
    public void closed(long sessionId, Instant now) {
        em.createNativeQuery("""
                        UPDATE vm_console_session SET status = 1, closed_at = GREATEST(?2, opened_at)
                        WHERE id = ?1 AND closed_at IS NULL AND opened_at IS NOT NULL""")
                .setParameter(1, sessionId).setParameter(2, now.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    @Override
    public Map<Long, Long> newestOpen(Collection<Long> vmIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT vm_id, max(id) FROM vm_console_session
                        WHERE vm_id = ANY(CAST(?1 AS BIGINT[])) AND opened_at IS NOT NULL AND closed_at IS NULL
                        GROUP BY vm_id""")
                .setParameter(1, vmIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        Map<Long, Long> newest = new HashMap<>();
        rows.forEach(r -> newest.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return newest;
    }

    @Override
    public boolean revokeActive(long vmId) {
        return em.createNativeQuery("UPDATE vm_console_session SET status = 1 WHERE vm_id = ?1 AND status = 0")
                .setParameter(1, vmId).executeUpdate() > 0;
    }
}
