package com.pveams.bootstrap.wiring;

import com.pveams.application.port.out.vm.ReconcileMetrics;
import com.pveams.domain.vm.DriftKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reconciliation's numbers ({@code /q/metrics}): {@code ams_vm_drift{kind}} (live VMs drifting, as of the last
 * run on this replica), {@code ams_vm_unknown_guests} (guests on PVE no VM row knows), {@code
 * ams_reconcile_runs_total{outcome}} (complete, partial, failed) and {@code ams_reconcile_nodes_skipped_total}.
 */
@ApplicationScoped
public class MicrometerReconcileMetrics implements ReconcileMetrics {
    private final MeterRegistry registry;
    private final Map<DriftKind, AtomicLong> drift = new EnumMap<>(DriftKind.class);
    private final AtomicLong unknown = new AtomicLong();
    private final Counter skipped;

    @Inject
    public MicrometerReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DriftKind k : DriftKind.values()) {
            AtomicLong value = new AtomicLong();
            drift.put(k, value);
            Gauge.builder("ams.vm.drift", value, AtomicLong::get).tag("kind", k.key())
                    .description("Live VMs that differ from PVE, by kind, as of the last reconciliation here")
                    .register(registry);
        }
        Gauge.builder("ams.vm.unknown.guests", unknown, AtomicLong::get)
                .description("Guests PVE lists on reached nodes that no VM row knows, as of the last reconciliation")
                .register(registry);
        this.skipped = Counter.builder("ams.reconcile.nodes.skipped")
                .description("Nodes the reconciliation could not ask (offline, disabled, not answering)")
                .register(registry);
    }

    @Override
    public void runFinished(String outcome) {
        Counter.builder("ams.reconcile.runs").description("Reconciliation runs on this replica, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void nodeSkipped() {
        skipped.increment();
    }

    @Override
    public void drifting(Map<DriftKind, Long> perKind) {
        perKind.forEach((k, n) -> drift.get(k).set(n));
    }

    @Override
    public void unknownGuests(long count) {
        unknown.set(count);
    }
}
