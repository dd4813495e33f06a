package com.pveams.application.service;

import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.port.in.scheduling.ClusterJobs;
import com.pveams.application.port.out.scheduling.JobLeases;
import com.pveams.domain.scheduling.PeriodicJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link ClusterJobs} over a database lease per job. Deliberately not transactional: the lease is taken and
 * committed before the task starts, and the task manages its own transactions.
 */
@Singleton
public class LeasedClusterJobs implements ClusterJobs {
    private final JobLeases leases;
    private final Clock clock;
    private final ReplicaIdentity replica;

    @Inject
    public LeasedClusterJobs(JobLeases leases, Clock clock, ReplicaIdentity replica) {
        this.leases = leases;
        this.clock = clock;
        this.replica = replica;
    }

    @Override
    public boolean runExclusively(String name, Duration period, Runnable task) {
        PeriodicJob job = new PeriodicJob(name, period);
        Instant start = clock.instant();
        if (!leases.tryAcquire(job.name(), replica.id(), start, job.leaseUntil(start))) {
            return false;
        }
        try {
            task.run();
        } catch (RuntimeException | Error failure) {
            try {
                leases.finished(job.name(), replica.id(), clock.instant(), false);
            } catch (RuntimeException recordFailure) {
                failure.addSuppressed(recordFailure);
            }
            throw failure;
        }
        leases.finished(job.name(), replica.id(), clock.instant(), true);
        return true;
    }
}
