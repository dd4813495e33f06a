package com.pveams.adapters.rest.legacy;

import java.sql.SQLException;

/**
 * Recognises a request that could not get a database connection within {@code quarkus.datasource.jdbc.acquisition-timeout}:
 * the pool is exhausted, so the service is overloaded rather than broken. Such a request is answered at once with the
 * generic failure code (the legacy has no "busy" code and the billing panels treat any code but 20000 as a failure to
 * retry), logged without a stack trace: under overload there are many, and they say nothing new.
 */
final class Overload {
    /** Agroal's message for an acquisition timeout (its exception is a plain {@link SQLException}). */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    private Overload() {
    }

    static boolean noConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains(ACQUISITION_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
