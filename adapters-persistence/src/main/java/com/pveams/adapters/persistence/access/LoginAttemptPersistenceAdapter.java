package com.pveams.adapters.persistence.access;

import com.pveams.application.port.out.LoginAttemptLog;
import com.pveams.domain.access.LoginHistory;
import com.pveams.domain.access.LoginLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL over {@code login_attempt} (see V4__login_throttle.sql), with no entity worth mapping.
 *
 * <p>A reservation reads the positions each counted sequence has reached, then the history, lets the domain judge
 * it, and inserts the attempt at the next positions. Concurrent reservations judged on the same history collide
 * on a unique position: the loser's {@code INSERT … ON CONFLICT DO NOTHING} waits for the winner's commit, inserts
 * nothing, and judges again with the winner counted. The positions are read before the history, so any attempt
 * committed after that read holds a position this one wants.
 */
@ApplicationScoped
public class LoginAttemptPersistenceAdapter implements LoginAttemptLog {
    /**
     * Each lost race means another attempt was admitted, and the limits admit only a few before refusing, so this
     * bound is not reached in practice; it only keeps a pathological storm from looping.
     */
    static final int MAX_RACES = 64;

    private final EntityManager em;

    @Inject
    public LoginAttemptPersistenceAdapter(EntityManager em) {
        this.em = em;
    }

    /**
     * Its own short transaction: the reservation must be visible to every replica before the password check starts,
     * and no competitor may wait on it for longer than one insert.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Reservation reserve(String username, String clientAddress, Instant now, LoginLimits limits) {
        Instant since = limits.windowStart(now);
        for (int race = 0; race < MAX_RACES; race++) {
            Object[] seq = (Object[]) em.createNativeQuery("""
                            SELECT (SELECT coalesce(max(username_address_seq), 0) FROM login_attempt WHERE username = ?1 AND client_address = ?2),
                                   (SELECT coalesce(max(address_seq), 0) FROM login_attempt WHERE client_address = ?2),
                                   (SELECT coalesce(max(username_seq), 0) FROM login_attempt WHERE username = ?1)""")
                    .setParameter(1, username).setParameter(2, clientAddress).getSingleResult();
            Optional<Duration> wait = limits.retryAfter(history(username, clientAddress, since, limits), now);
            if (wait.isPresent()) {
                return new Refused(wait.get());
            }
            @SuppressWarnings("unchecked")
            List<Object> id = em.createNativeQuery("""
                            INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq, address_seq, username_seq)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                            ON CONFLICT DO NOTHING
                            RETURNING id""")
                    .setParameter(1, username).setParameter(2, clientAddress).setParameter(3, now)
                    .setParameter(4, next(seq[0])).setParameter(5, next(seq[1])).setParameter(6, next(seq[2]))
                    .getResultList();
            if (!id.isEmpty()) {
                return new Admitted(((Number) id.get(0)).longValue());
            }
        }
        return new Refused(Duration.ofSeconds(1));
    }

    private LoginHistory history(String username, String clientAddress, Instant since, LoginLimits limits) {
        List<Instant> atAddress = instants(em.createNativeQuery("""
                        SELECT attempted_at FROM login_attempt
                        WHERE username = ?1 AND client_address = ?2 AND NOT succeeded AND NOT forgiven AND attempted_at > ?3
                        ORDER BY attempted_at DESC LIMIT ?4""")
                .setParameter(1, username).setParameter(2, clientAddress).setParameter(3, since)
                .setParameter(4, limits.maxPerUsernameAndAddress()).getResultList());
        List<Instant> fromAddress = instants(em.createNativeQuery("""
                        SELECT attempted_at FROM login_attempt
                        WHERE client_address = ?1 AND NOT succeeded AND attempted_at > ?2
                        ORDER BY attempted_at DESC LIMIT ?3""")
                .setParameter(1, clientAddress).setParameter(2, since).setParameter(3, limits.maxPerAddress())
                .getResultList());
        Object[] user = (Object[]) em.createNativeQuery("""
                        SELECT count(*), max(attempted_at) FROM login_attempt
                        WHERE username = ?1 AND NOT succeeded AND NOT forgiven AND attempted_at > ?2""")
                .setParameter(1, username).setParameter(2, since).getSingleResult();
        int failures = ((Number) user[0]).intValue();
        return new LoginHistory(atAddress, fromAddress, failures, failures == 0 ? null : instant(user[1]));
    }

    @Override
    public void succeeded(long attemptId) {
        em.createNativeQuery("""
                        UPDATE login_attempt a
                        SET succeeded = a.succeeded OR a.id = s.id, forgiven = a.forgiven OR a.id <> s.id
                        FROM login_attempt s
                        WHERE s.id = ?1 AND a.username = s.username AND a.client_address = s.client_address""")
                .setParameter(1, attemptId).executeUpdate();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM login_attempt WHERE attempted_at < ?1").setParameter(1, cutoff).executeUpdate();
    }

    private static int next(Object max) {
        return ((Number) max).intValue() + 1;
    }

    @SuppressWarnings("unchecked")
    private static List<Instant> instants(List<?> rows) {
        return rows.stream().map(LoginAttemptPersistenceAdapter::instant).toList();
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
