package com.pveams.application.port.out;

import com.pveams.domain.access.LoginLimits;

import java.time.Duration;
import java.time.Instant;

/** Admin login attempts, shared by every replica so throttling holds across the whole deployment. */
public interface LoginAttemptLog {
    /**
     * Records an attempt if {@code limits} admit it, judged on every attempt any replica has recorded. Atomic:
     * two concurrent callers are never both judged on a history that lacks the other, so a parallel burst gets at
     * most the limit of password checks. The attempt counts as a failure until {@link #succeeded} says otherwise;
     * a refused attempt is not recorded.
     */
    Reservation reserve(String username, String clientAddress, Instant now, LoginLimits limits);

    /** The attempt logged in: it no longer counts, and its username's failures from its address are forgiven. */
    void succeeded(long attemptId);

    /** Drops attempts older than the cutoff; returns how many. */
    int purgeBefore(Instant cutoff);

    sealed interface Reservation permits Admitted, Refused {
    }

    record Admitted(long attemptId) implements Reservation {
    }

    record Refused(Duration retryAfter) implements Reservation {
    }
}
