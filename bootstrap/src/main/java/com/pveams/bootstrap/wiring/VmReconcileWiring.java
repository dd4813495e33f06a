package com.pveams.bootstrap.wiring;

import com.pveams.application.port.in.scheduling.ClusterJobs;
import com.pveams.application.port.in.vm.ReconcileVmsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The VM reconciliation job: every {@code ams.vm.reconcile-interval} (default 5 minutes;
 * {@code ams.vm.reconcile-enabled=false} turns it off), on one replica per period, compares PVE's guests with the
 * VM rows ({@link ReconcileVmsUseCase}). Its numbers are in {@link MicrometerReconcileMetrics}. Read with
 * {@code @ConfigProperty} like its siblings {@code ams.vm.expiry-*}: a {@code @ConfigMapping} of prefix
 * {@code ams.vm} would have to map every {@code ams.vm.*} key, and SmallRye refuses the unmapped ones.
 */
@ApplicationScoped
public class VmReconcileWiring {
    static final String JOB = "vm-reconcile";
    private static final Logger LOG = Logger.getLogger(VmReconcileWiring.class);

    private final ReconcileVmsUseCase reconcile;
    private final ClusterJobs jobs;
    private final Duration interval;
    private final boolean enabled;

    @Inject
    public VmReconcileWiring(ReconcileVmsUseCase reconcile, ClusterJobs jobs,
                             @ConfigProperty(name = "ams.vm.reconcile-interval", defaultValue = "5m") Duration interval,
                             @ConfigProperty(name = "ams.vm.reconcile-enabled", defaultValue = "true") boolean enabled) {
        this.reconcile = reconcile;
        this.jobs = jobs;
        this.interval = interval;
        this.enabled = enabled;
    }

    @Scheduled(every = "${ams.vm.reconcile-interval:5m}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (enabled) {
            runIfDue();
        }
    }

    /** One firing: runs the reconciliation here if this replica gets the period's lease; true if it ran. */
    public boolean runIfDue() {
        return jobs.runExclusively(JOB, interval, this::work);
    }

    private void work() {
        ReconcileVmsUseCase.Report r = reconcile.reconcileAll();
        if (r.statusesCorrected() > 0 || r.drifting() > 0 || r.skippedNodes() > 0 || r.unknownGuests() > 0) {
            LOG.infof("Reconciliation: %d nodes (%d skipped), %d statuses corrected, %d VMs drifting, %d unknown"
                    + " guests", r.nodes(), r.skippedNodes(), r.statusesCorrected(), r.drifting(), r.unknownGuests());
        }
    }
}
