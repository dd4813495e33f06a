package com.pveams.adapters.persistence.access;

import com.pveams.application.port.out.LoginFailureLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Plain SQL: the table is append-and-purge, with no entity worth mapping. */
@ApplicationScoped
public class LoginFailurePersistenceAdapter implements LoginFailureLog {
    private final EntityManager em;

    @Inject
    public LoginFailurePersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    public void record(String username, String clientAddress, Instant at) {
        em.createNativeQuery("INSERT INTO login_failure (scope, subject, failed_at) VALUES ('u', ?1, ?3), ('a', ?2, ?3)")
                .setParameter(1, username).setParameter(2, clientAddress).setParameter(3, at)
                .executeUpdate();
    }

    @Override
    public List<Instant> newestForUsername(String username, Instant since, int limit) {
        return newest("u", username, since, limit);
    }

    @Override
    public List<Instant> newestForAddress(String clientAddress, Instant since, int limit) {
        return newest("a", clientAddress, since, limit);
    }

    private List<Instant> newest(String scope, String subject, Instant since, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT failed_at FROM login_failure WHERE scope = ?1 AND subject = ?2"
                        + " AND failed_at > ?3 ORDER BY failed_at DESC LIMIT ?4")
                .setParameter(1, scope).setParameter(2, subject).setParameter(3, since).setParameter(4, limit)
                .getResultList();
        return rows.stream().map(LoginFailurePersistenceAdapter::instant).toList();
    }

    @Override
    public void forgetUsername(String username) {
        em.createNativeQuery("DELETE FROM login_failure WHERE scope = 'u' AND subject = ?1").setParameter(1, username).executeUpdate();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM login_failure WHERE failed_at < ?1").setParameter(1, cutoff).executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
