package com.pveams.bootstrap.wiring;

import com.pveams.adapters.pve.client.PveCallObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * PVE call latency in Prometheus: {@code ams_pve_call_duration_seconds{node,method,path_template,outcome}}
 * (histogram). The PVE adapter reports through its own {@link PveCallObserver} hook so it needs no metrics
 * library; the labels are bounded there (node names, four methods, templated paths, a few outcomes).
 */
@ApplicationScoped
public class MicrometerPveCallMetrics implements PveCallObserver {
    private final MeterRegistry registry;

    @Inject
    public MicrometerPveCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void callFinished(String node, String method, String pathTemplate, String outcome, Duration duration) {
        Timer.builder("ams.pve.call.duration")
                .description("HTTP calls to PVE nodes, each attempt, by node, method, path template and outcome")
                .tag("node", node).tag("method", method).tag("path_template", pathTemplate).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(duration);
    }
}
