package com.pveams.adapters.persistence;

import com.pveams.domain.error.DomainException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The schema's constraints are the last line of defence: when a concurrent request slips past a service's check,
 * the violated constraint (by name) becomes the same domain refusal the check would have given, instead of an
 * internal error. Unknown violations pass through unchanged.
 */
public final class ConstraintViolations {
    private ConstraintViolations() {
    }

    /** Flushes pending changes, translating a violation of a {@code known} constraint. */
    public static void flush(EntityManager em, Map<String, Supplier<DomainException>> known) {
        run(em::flush, known);
    }

    public static void run(Runnable write, Map<String, Supplier<DomainException>> known) {
        try {
            write.run();
        } catch (PersistenceException e) {
            throw translate(e, known);
        }
    }

    public static RuntimeException translate(RuntimeException e, Map<String, Supplier<DomainException>> known) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException cve) {
                String name = cve.getConstraintName();
                if (name != null && known.containsKey(name.toLowerCase(Locale.ROOT))) {
                    return known.get(name.toLowerCase(Locale.ROOT)).get();
                }
                // the driver's message names the constraint even when the dialect could not extract it
                String message = String.valueOf(cve.getSQLException() == null ? null : cve.getSQLException().getMessage());
                for (Map.Entry<String, Supplier<DomainException>> k : known.entrySet()) {
                    if (message.contains("\"" + k.getKey() + "\"")) {
                        return k.getValue().get();
                    }
                }
            }
        }
        return e;
    }
}
