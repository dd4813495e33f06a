package com.pveams.adapters.persistence.audit;

import com.pveams.application.port.out.AuditLogReader;
import com.pveams.application.port.out.AuditLogRepository;
import com.pveams.domain.audit.AuditEntry;
import com.pveams.domain.audit.AuditRecord;
import com.pveams.domain.audit.AuditSearch;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class AuditLogPersistenceAdapter implements AuditLogRepository, AuditLogReader {
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
        e.logType = entry.logType().name();
        e.actorType = entry.actorType().name();
        e.actor = entry.actor();
        e.method = entry.method();
        e.path = entry.path();
        e.clientAddress = entry.clientAddress();
        e.userAgent = entry.userAgent();
        e.httpStatus = entry.httpStatus();
        e.resultCode = entry.resultCode();
        e.success = entry.success();
        e.durationMs = entry.durationMs();
        e.detail = entry.detail();
        e.responseBody = entry.responseBody();
        em.persist(e);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return em.createQuery("DELETE FROM AuditLogEntity a WHERE a.occurredAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }

    @Override
    public Page<AuditRecord> search(AuditSearch search, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(search, params);
        TypedQuery<Long> count = em.createQuery("SELECT count(a) FROM AuditLogEntity a" + where, Long.class);
        TypedQuery<AuditLogEntity> rows = em.createQuery(
                "SELECT a FROM AuditLogEntity a" + where + " ORDER BY a.occurredAt DESC, a.id DESC", AuditLogEntity.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        var records = rows.setFirstResult((int) Math.min(Integer.MAX_VALUE, page.offset()))
                .setMaxResults(page.size())
                .getResultList().stream().map(AuditLogPersistenceAdapter::toDomain).toList();
        return new Page<>(records, count.getSingleResult(), page.page(), page.size());
    }

    @Override
    public Optional<AuditRecord> findById(long id) {
        return Optional.ofNullable(em.find(AuditLogEntity.class, id)).map(AuditLogPersistenceAdapter::toDomain);
    }

    private static String where(AuditSearch s, Map<String, Object> params) {
        StringBuilder w = new StringBuilder();
        if (s.type() != null) {
            and(w, "a.logType = :type");
            params.put("type", s.type().name());
        }
        if (s.level() != null) {
            // The same rule as AuditEntry.Level.of, as predicates on the stored outcome.
            and(w, switch (s.level()) {
                case ERROR -> "a.httpStatus >= 500";
                case WARN -> "a.httpStatus < 500 AND (a.httpStatus >= 400 OR a.success = false)";
                case INFO -> "a.httpStatus < 400 AND a.success = true";
            });
        }
        if (s.requestId() != null) {
            and(w, "a.requestId = :requestId");
            params.put("requestId", s.requestId());
        }
        if (s.from() != null) {
            and(w, "a.occurredAt >= :from AND a.occurredAt < :until");
            params.put("from", s.from());
            params.put("until", s.until());
        }
        if (s.keyword() != null) {
            // The stored request (query and body), the path and the actor; secrets are masked before they are
            // stored, so no search can find one.
            and(w, "(lower(a.path) LIKE :keyword ESCAPE '!' OR lower(a.actor) LIKE :keyword ESCAPE '!'"
                    + " OR lower(a.detail) LIKE :keyword ESCAPE '!')");
            params.put("keyword", "%" + s.keyword().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return w.toString();
    }

    private static void and(StringBuilder where, String predicate) {
        where.append(where.isEmpty() ? " WHERE " : " AND ").append('(').append(predicate).append(')');
    }

    private static AuditRecord toDomain(AuditLogEntity e) {
        return new AuditRecord(e.id, new AuditEntry(e.requestId, e.occurredAt, AuditEntry.LogType.valueOf(e.logType),
                AuditEntry.ActorType.valueOf(e.actorType), e.actor, e.method, e.path, e.clientAddress, e.userAgent,
                e.httpStatus, e.resultCode, e.success, e.durationMs, e.detail, e.responseBody));
    }
}
