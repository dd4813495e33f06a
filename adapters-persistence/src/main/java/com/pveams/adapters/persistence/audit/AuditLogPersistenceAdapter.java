package com.pveams.adapters.persistence.audit;

import com.pveams.application.port.out.AuditLogRepository;
import com.pveams.domain.audit.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;

@ApplicationScoped
public class AuditLogPersistenceAdapter implements AuditLogRepository {
    private final EntityManager em;

    @Inject
    public AuditLogPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public void append(AuditEntry entry) {
        AuditLogEntity e = new AuditLogEntity();
        e.requestId = entry.requestId();
        e.occurredAt = entry.occurredAt();
        e.actorType = entry.actorType().name();
        e.actor = entry.actor();
        e.method = entry.method();
        e.path = entry.path();
        e.clientAddress = entry.clientAddress();
        e.httpStatus = entry.httpStatus();
        e.resultCode = entry.resultCode();
        e.success = entry.success();
        e.durationMs = entry.durationMs();
        e.detail = entry.detail();
        em.persist(e);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return em.createQuery("DELETE FROM AuditLogEntity a WHERE a.occurredAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }
}
