package com.pveams.bootstrap.wiring;

import com.pveams.application.port.in.HousekeepingUseCase;
import com.pveams.application.port.in.scheduling.ClusterJobs;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Runs housekeeping on a timer ({@code ams.housekeeping.every}, default hourly), on one replica per period. */
@ApplicationScoped
public class HousekeepingJob {
    static final String NAME = "housekeeping";
    private static final Logger LOG = Logger.getLogger(HousekeepingJob.class);
    private final HousekeepingUseCase housekeeping;
    private final ClusterJobs jobs;
    private final Duration every;

    @Inject
    public HousekeepingJob(HousekeepingUseCase housekeeping, ClusterJobs jobs,
                           @ConfigProperty(name = "ams.housekeeping.every", defaultValue = "1h") Duration every) {
        this.housekeeping = housekeeping;
        this.jobs = jobs;
        this.every = every;
    }

    @Scheduled(every = "${ams.housekeeping.every:1h}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        jobs.runExclusively(NAME, every, this::purge);
    }

    private void purge() {
        HousekeepingUseCase.Purged purged = housekeeping.purgeExpired();
        if (purged.auditRows() > 0 || purged.loginFailures() > 0) {
            LOG.infof("Housekeeping removed %d audit rows and %d expired login failures", purged.auditRows(), purged.loginFailures());
        }
    }
}
