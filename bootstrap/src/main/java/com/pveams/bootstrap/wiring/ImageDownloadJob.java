package com.pveams.bootstrap.wiring;

import com.pveams.application.port.in.image.ImageDownloadMaintenance;
import com.pveams.application.port.in.scheduling.ClusterJobs;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Keeps image downloads alive or ends them: every replica renews the heartbeat of its own downloads
 * ({@code ams.images.heartbeat-every}); recovery of downloads whose replica is gone runs at start and then every
 * {@code ams.images.recovery-every} on one replica per period.
 */
@ApplicationScoped
public class ImageDownloadJob {
    static final String NAME = "image-download-recovery";
    private static final Logger LOG = Logger.getLogger(ImageDownloadJob.class);
    private final ImageDownloadMaintenance maintenance;
    private final ClusterJobs jobs;
    private final Duration every;

    @Inject
    public ImageDownloadJob(ImageDownloadMaintenance maintenance, ClusterJobs jobs,
                            @ConfigProperty(name = "ams.images.recovery-every", defaultValue = "1m") Duration every) {
        this.maintenance = maintenance;
        this.jobs = jobs;
        this.every = every;
    }

    @Scheduled(every = "${ams.images.heartbeat-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        maintenance.heartbeat();
    }

    @Scheduled(every = "${ams.images.recovery-every:1m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recover() {
        jobs.runExclusively(NAME, every, this::recoverNow);
    }

    /**
     * At start, without the lease: only downloads with a stale heartbeat are touched, each by compare-and-set, so a
     * replica starting next to a running one changes nothing it should not.
     */
    void onStart(@Observes StartupEvent event) {
        try {
            recoverNow();
        } catch (RuntimeException e) {
            LOG.error("Recovering interrupted image downloads at start failed; the periodic job will retry", e);
        }
    }

    void recoverNow() {
        int n = maintenance.recoverOrphans();
        if (n > 0) {
            LOG.infof("Recovered %d interrupted image downloads", n);
        }
    }
}
