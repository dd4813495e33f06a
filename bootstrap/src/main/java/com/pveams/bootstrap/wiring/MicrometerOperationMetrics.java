package com.pveams.bootstrap.wiring;

import com.pveams.application.port.out.operation.OperationMetrics;
import com.pveams.domain.operation.OperationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's numbers in Prometheus ({@code /q/metrics}): {@code ams_operations_total{type,outcome}},
 * {@code ams_operation_step_duration_seconds{kind,phase,outcome}} (histogram), {@code ams_operation_queue_depth}
 * (steps claimable now, as of the last safety poll: no query per scrape) and
 * {@code ams_operation_lease_takeovers_total}. Types and kinds are names in code, so the label sets stay small.
 */
@ApplicationScoped
public class MicrometerOperationMetrics implements OperationMetrics {
    private final MeterRegistry registry;
    private final AtomicLong queueDepth = new AtomicLong();
    private final Counter takeovers;

    @Inject
    public MicrometerOperationMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("ams.operation.queue.depth", queueDepth, AtomicLong::get)
                .description("Operation steps claimable now, shared by every replica (as of the last safety poll)")
                .register(registry);
        this.takeovers = Counter.builder("ams.operation.lease.takeovers")
                .description("Operation steps taken over after the lease of the worker running them ran out")
                .register(registry);
    }

    @Override
    public void operationFinished(String type, OperationStatus outcome) {
        Counter.builder("ams.operations").description("Operations ended on this replica, by type and outcome")
                .tag("type", type).tag("outcome", outcome.name()).register(registry).increment();
    }

    @Override
    public void stepFinished(String kind, boolean undo, String outcome, Duration duration) {
        Timer.builder("ams.operation.step.duration")
                .description("Runs of operation step handlers, including recording their outcome")
                .tag("kind", kind).tag("phase", undo ? "undo" : "run").tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(duration);
    }

    @Override
    public void leaseTakeover(String kind) {
        takeovers.increment();
    }

    @Override
    public void queueDepth(long steps) {
        queueDepth.set(steps);
    }
}
