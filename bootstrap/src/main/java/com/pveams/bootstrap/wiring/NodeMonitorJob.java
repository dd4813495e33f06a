package com.pveams.bootstrap.wiring;

import com.pveams.application.config.NodeMonitorPolicy;
import com.pveams.application.port.in.node.NodeMonitorUseCase;
import com.pveams.application.port.in.scheduling.ClusterJobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The node monitor ({@code ams.node-monitor.*}): every period, on one replica, checks every node's PVE API and SSH
 * login and records status changes; each change is logged and counted in {@code ams_node_status_changes_total}
 * (tags {@code aspect} = status | controllerStatus, {@code to}).
 */
@ApplicationScoped
public class NodeMonitorJob {
    static final String NAME = "node-monitor";
    static final String CHANGES = "ams_node_status_changes";
    private static final Logger LOG = Logger.getLogger(NodeMonitorJob.class);

    private final NodeMonitorUseCase monitor;
    private final ClusterJobs jobs;
    private final MeterRegistry meters;
    private final Duration every;
    private final boolean enabled;

    @Inject
    public NodeMonitorJob(NodeMonitorUseCase monitor, ClusterJobs jobs, MeterRegistry meters,
                          @ConfigProperty(name = "ams.node-monitor.every", defaultValue = "30s") Duration every,
                          @ConfigProperty(name = "ams.node-monitor.enabled", defaultValue = "true") boolean enabled) {
        this.monitor = monitor;
        this.jobs = jobs;
        this.meters = meters;
        this.every = every;
        this.enabled = enabled;
    }

    @Scheduled(every = "${ams.node-monitor.every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (enabled) {
            jobs.runExclusively(NAME, every, this::checkNow);
        }
    }

    /** One round: checks every node now and reports the changes (also called by tests, without the lease). */
    public NodeMonitorUseCase.Report checkNow() {
        NodeMonitorUseCase.Report report = monitor.checkAll();
        for (NodeMonitorUseCase.Change c : report.changes()) {
            if ("online".equals(c.to()) || "reachable".equals(c.to())) {
                LOG.infof("Node %d (%s): %s %s -> %s", c.nodeId(), c.nodeName(), c.aspect(), c.from(), c.to());
            } else {
                LOG.warnf("Node %d (%s): %s %s -> %s (%s)", c.nodeId(), c.nodeName(), c.aspect(), c.from(), c.to(),
                        c.reason());
            }
            Counter.builder(CHANGES).description("Node status changes seen by the node monitor")
                    .tag("aspect", c.aspect()).tag("to", c.to()).register(meters).increment();
        }
        return report;
    }

    @Produces
    @Singleton
    static NodeMonitorPolicy nodeMonitorPolicy(
            @ConfigProperty(name = "ams.node-monitor.check-timeout", defaultValue = "10s") Duration checkTimeout,
            @ConfigProperty(name = "ams.node-monitor.parallelism", defaultValue = "16") int parallelism) {
        return new NodeMonitorPolicy(checkTimeout, parallelism);
    }
}
