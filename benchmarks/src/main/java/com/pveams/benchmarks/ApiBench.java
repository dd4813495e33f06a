package com.pveams.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Figure 2: each endpoint at a fixed rate (p50/p99 from the intended send times), then its maximum sustained rate:
 * the offered rate grows by half per step until a step does not keep up (see {@link Rates#sustained}); the last one
 * that did is reported.
 */
public final class ApiBench {
    /** p99 bound of a sustained step: a rate with a backlog of a quarter second is not one the service sustains. */
    static final long SUSTAINED_P99_BOUND = Duration.ofMillis(250).toNanos();

    private final Duration fixedDuration;
    private final Duration stepDuration;
    private final int maxSteps;

    public ApiBench(long servicePid, String pgMarker, StackSampler sampler, Duration fixedDuration,
                    Duration stepDuration, int maxSteps, LongSupplier pveRequests, LongSupplier pveConnections) {
        this.pveRequests = pveRequests;
        this.pveConnections = pveConnections;
        this.servicePid = servicePid;
        this.pgMarker = pgMarker;
        this.sampler = sampler;
        this.fixedDuration = fixedDuration;
        this.stepDuration = stepDuration;
        this.maxSteps = maxSteps;
    }

    /** One endpoint: how to call it and what its rows are called. */
    public record Endpoint(String label, String authorization, LongFunction<URI> uri) {
    }

    public static LongFunction<URI> randomPages(String base, int pages) {
        SplittableRandom random = new SplittableRandom(42);
        return i -> URI.create(base + "/admin/getVmByPage?page=" + (1 + random.nextInt(pages)) + "&size=20");
    }

    public static LongFunction<URI> randomVmInfo(String base, long firstId, long lastId) {
        SplittableRandom random = new SplittableRandom(7);
        return i -> URI.create(base + "/api/v1/pve/getVmInfo?hostId=" + random.nextLong(firstId, lastId + 1));
    }

    private final long servicePid;
    private final String pgMarker;
    private final StackSampler sampler;
    /** The simulator's counters: requests answered and TCP connections accepted (whether the service reuses them). */
    private final LongSupplier pveRequests;
    private final LongSupplier pveConnections;
    /** CPU breakdown of the last fixed-rate run. */
    private String lastCpu;

    public OpenLoad.Step fixed(Endpoint e, double perSecond) {
        OpenLoad load = new OpenLoad(e.authorization());
        load.run(Math.min(perSecond, 50), Duration.ofSeconds(1), Duration.ofSeconds(10), e.uri()); // warm-up
        ProcessCpu.Sample before = ProcessCpu.Sample.take(servicePid, pgMarker);
        long requestsBefore = pveRequests.getAsLong();
        long connectionsBefore = pveConnections.getAsLong();
        sampler.begin(e.label());
        OpenLoad.Step s = load.run(perSecond, fixedDuration, Duration.ofSeconds(30), e.uri());
        sampler.end();
        lastCpu = before.perRequest(ProcessCpu.Sample.take(servicePid, pgMarker), s.completed())
                + pveTraffic(pveRequests.getAsLong() - requestsBefore, pveConnections.getAsLong() - connectionsBefore);
        return s;
    }

    /** The PVE side of a run, when there was one: calls answered and new connections (TLS handshakes) they took. */
    static String pveTraffic(long requests, long connections) {
        return requests == 0 ? "" : "; PVE: " + requests + " calls on " + connections + " new connections";
    }

    /** The highest completion rate any step of the last search saw (sustained or not): the saturated throughput. */
    private double peakCompleted;

    /** The highest offered rate that was sustained (null when even the first was not), with its step. */
    public OpenLoad.Step maxSustained(Endpoint e, double startPerSecond) {
        OpenLoad load = new OpenLoad(e.authorization());
        OpenLoad.Step best = null;
        peakCompleted = 0;
        double rate = startPerSecond;
        for (int i = 0; i < maxSteps; i++) {
            OpenLoad.Step s = load.run(rate, stepDuration, Duration.ofSeconds(10), e.uri());
            System.out.printf("  %s at %.0f/s: completed %.0f/s, p99 %.1f ms, errors %d%n", e.label(), rate,
                    s.completedPerSecond(), Rates.millis(s.p99Nanos()), s.errors());
            peakCompleted = Math.max(peakCompleted, s.completedPerSecond());
            if (!Rates.sustained(rate, s.completedPerSecond(), s.errors(), s.p99Nanos(), SUSTAINED_P99_BOUND)) {
                break;
            }
            best = s;
            rate *= 1.5;
        }
        return best;
    }

    /**
     * After an overloaded step the service may still work through requests the client gave up on: one request at a
     * time until one answers within 250 ms (at most 60), so the next step starts from an idle service.
     */
    private static void quiesce(Endpoint e) {
        OpenLoad probe = new OpenLoad(e.authorization());
        for (int i = 0; i < 60; i++) {
            OpenLoad.Step s = probe.run(1, Duration.ofSeconds(1), Duration.ofSeconds(60), e.uri());
            if (s.errors() == 0 && s.maxNanos() < SUSTAINED_P99_BOUND) {
                return;
            }
        }
    }

    /** Adds the fixed-rate p50/p99 rows and the sustained-rate row of one endpoint. */
    public void measure(ResultTable table, Endpoint e, double fixedRate, Double p99TargetMs, double startRate,
                        Double rateTarget) {
        OpenLoad.Step f = fixed(e, fixedRate);
        String at = " at " + Math.round(fixedRate) + " rps";
        String errors = (f.errors() == 0 ? "" : f.errors() + " of " + f.sent() + " requests failed; ")
                + "completed " + Math.round(f.completedPerSecond()) + "/s; " + lastCpu;
        table.add(Figure.recorded(e.label() + " p50" + at, Rates.millis(f.p50Nanos()), "ms", errors));
        double p99 = Rates.millis(f.p99Nanos());
        table.add(p99TargetMs == null ? Figure.recorded(e.label() + " p99" + at, p99, "ms", errors)
                : Figure.atMost(e.label() + " p99" + at, p99, "ms", p99TargetMs).withNote(errors));
        System.out.printf("  %s fixed %.0f/s: p50 %.1f ms, p99 %.1f ms; %s%n", e.label(), fixedRate,
                Rates.millis(f.p50Nanos()), p99, errors);
        quiesce(e);
        OpenLoad.Step best = maxSustained(e, startRate);
        quiesce(e);
        double sustained = best == null ? 0 : best.offeredPerSecond();
        String note = "open model, " + stepDuration.toSeconds() + " s steps ×1.5 from " + Math.round(startRate)
                + "/s; sustained = no errors, ≥ 95 % completed, p99 ≤ 250 ms; peak completed "
                + Math.round(peakCompleted) + "/s";
        table.add(rateTarget == null ? Figure.recorded(e.label() + " max sustained rate", sustained, "req/s", note)
                : Figure.atLeast(e.label() + " max sustained rate", sustained, "req/s", rateTarget).withNote(note));
    }
}
