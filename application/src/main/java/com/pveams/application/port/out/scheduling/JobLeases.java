package com.pveams.application.port.out.scheduling;

import java.time.Instant;

/**
 * Leases of periodic jobs, shared by every replica (one row per job). Taking a lease must be atomic: of several
 * replicas asking at once, exactly one gets it.
 */
public interface JobLeases {
    /**
     * Takes the job's lease for {@code owner} until {@code until} if nobody holds it at {@code now} (no lease yet,
     * or the last one ended at or before {@code now}). Returns whether {@code owner} now holds it.
     */
    boolean tryAcquire(String job, String owner, Instant now, Instant until);

    /**
     * Notes that {@code owner}'s run ended. The lease itself is kept until it runs out, so no other replica runs
     * the job again in the same period. Nothing happens if another owner has taken the lease meanwhile.
     */
    void finished(String job, String owner, Instant at, boolean succeeded);
}
