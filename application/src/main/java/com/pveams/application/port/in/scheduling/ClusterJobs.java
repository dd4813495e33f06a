package com.pveams.application.port.in.scheduling;

import java.time.Duration;

/**
 * Runs periodic background work on one replica per period, whatever number of replicas share the database.
 * Every replica's scheduler calls this on each firing; only the one that gets the job's lease runs the task.
 */
public interface ClusterJobs {
    /**
     * Runs {@code task} here if this replica gets the lease of job {@code name} for the coming {@code period}.
     *
     * @return true if the task ran here, false if another replica (or an earlier run here) has this period
     */
    boolean runExclusively(String name, Duration period, Runnable task);
}
