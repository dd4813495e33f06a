package com.pveams.bootstrap.wiring;

import com.pveams.application.port.in.HousekeepingUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs housekeeping on a timer ({@code ams.housekeeping.every}, default hourly). */
@ApplicationScoped
public class HousekeepingJob {
    private static final Logger LOG = Logger.getLogger(HousekeepingJob.class);
    private final HousekeepingUseCase housekeeping;

    @Inject
    public HousekeepingJob(HousekeepingUseCase housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Scheduled(every = "${ams.housekeeping.every:1h}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        HousekeepingUseCase.Purged purged = housekeeping.purgeExpired();
        if (purged.auditRows() > 0 || purged.loginFailures() > 0) {
            LOG.infof("Housekeeping removed %d audit rows and %d expired login failures", purged.auditRows(), purged.loginFailures());
        }
    }
}
