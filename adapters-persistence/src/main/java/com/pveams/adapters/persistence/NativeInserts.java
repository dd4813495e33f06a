package com.pveams.adapters.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;
import java.util.Optional;

/**
 * Runs an {@code INSERT … ON CONFLICT DO NOTHING RETURNING id}: unlike a failed persist, a conflict (another request
 * or replica took the unique value first) leaves the transaction usable and is reported as empty.
 */
public final class NativeInserts {
    private NativeInserts() {
    }

    /** @param params values for {@code ?1, ?2, …} in order */
    public static Optional<Long> insertUnlessConflict(EntityManager em, String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = q.getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }
}
