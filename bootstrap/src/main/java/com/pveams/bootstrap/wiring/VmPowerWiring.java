package com.pveams.bootstrap.wiring;

import com.pveams.application.config.VmPowerPolicy;
import com.pveams.application.port.in.scheduling.ClusterJobs;
import com.pveams.application.port.in.vm.ExpireVmsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Power operations' settings ({@code ams.vm.graceful-shutdown}, {@code ams.vm.expiry-batch},
 * {@code ams.vm.expiry-auto-delete-after}) and the expiry job: every {@code ams.vm.expiry-every} (default a minute;
 * {@code ams.vm.expiry-enabled=false} turns it off), on one replica per period, it stops the VMs past their expiry and
 * marks them expired, then deletes those expired longer than the auto-delete delay (zero, the default: never).
 */
@ApplicationScoped
public class VmPowerWiring {
    static final String EXPIRY_JOB = "vm-expiry";
    private static final Logger LOG = Logger.getLogger(VmPowerWiring.class);

    @Produces
    @Singleton
    VmPowerPolicy vmPowerPolicy(@ConfigProperty(name = "ams.vm.graceful-shutdown", defaultValue = "120s") Duration graceful,
                                @ConfigProperty(name = "ams.vm.expiry-batch", defaultValue = "100") int batch,
                                @ConfigProperty(name = "ams.vm.expiry-auto-delete-after", defaultValue = "0s")
                                Duration autoDeleteAfter) {
        return new VmPowerPolicy(graceful, batch, autoDeleteAfter);
    }

    /** The scheduled expiry run; a separate bean so the producer above does not depend on the job's beans. */
    @ApplicationScoped
    public static class ExpiryJob {
        private final ExpireVmsUseCase expiry;
        private final ClusterJobs jobs;
        private final Duration every;
        private final boolean enabled;

        @Inject
        public ExpiryJob(ExpireVmsUseCase expiry, ClusterJobs jobs,
                         @ConfigProperty(name = "ams.vm.expiry-every", defaultValue = "60s") Duration every,
                         @ConfigProperty(name = "ams.vm.expiry-enabled", defaultValue = "true") boolean enabled) {
            this.expiry = expiry;
            this.jobs = jobs;
            this.every = every;
            this.enabled = enabled;
        }

        @Scheduled(every = "${ams.vm.expiry-every:60s}", delayed = "30s",
                concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
        void run() {
            if (enabled) {
                jobs.runExclusively(EXPIRY_JOB, every, this::work);
            }
        }

        private void work() {
            int started = expiry.expireDue();
            if (started > 0) {
                LOG.infof("Expiry: started the stop of %d expired VMs", started);
            }
            int deleted = expiry.deleteLongExpired();
            if (deleted > 0) {
                LOG.infof("Expiry: started the delete of %d VMs expired longer than the auto-delete delay", deleted);
            }
        }
    }
}
