package com.pveams.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

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

    public ApiBench(Duration fixedDuration, Duration stepDuration, int maxSteps) {
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

    public OpenLoad.Step fixed(Endpoint e, double perSecond) {
        OpenLoad load = new OpenLoad(e.authorization());
        load.run(Math.min(perSecond, 50), Duration.ofSeconds(1), Duration.ofSeconds(10), e.uri()); // warm-up
        return load.run(perSecond, fixedDuration, Duration.ofSeconds(30), e.uri());
    }

    /** The highest offered rate that was sustained (0 when even the first was not), with its step. */
    public OpenLoad.Step maxSustained(Endpoint e, double startPerSecond) {
        OpenLoad load = new OpenLoad(e.authorization());
        OpenLoad.Step best = null;
        double rate = startPerSecond;
        for (int i = 0; i < maxSteps; i++) {
            OpenLoad.Step s = load.run(rate, stepDuration, Duration.ofSeconds(10), e.uri());
            System.out.printf("  %s at %.0f/s: completed %.0f/s, p99 %.1f ms, errors %d%n", e.label(), rate,
                    s.completedPerSecond(), Rates.millis(s.p99Nanos()), s.errors());
            if (!Rates.sustained(rate, s.completedPerSecond(), s.errors(), s.p99Nanos(), SUSTAINED_P99_BOUND)) {
                break;
            }
            best = s;
            rate *= 1.5;
        }
        return best;
    }

    /** Adds the fixed-rate p50/p99 rows and the sustained-rate row of one endpoint. */
    public void measure(ResultTable table, Endpoint e, double fixedRate, Double p99TargetMs, double startRate,
                        Double rateTarget) {
        OpenLoad.Step f = fixed(e, fixedRate);
        String at = " at " + Math.round(fixedRate) + " rps";
        String errors = f.errors() == 0 ? null : f.errors() + " of " + f.sent() + " requests failed";
        table.add(Figure.recorded(e.label() + " p50" + at, Rates.millis(f.p50Nanos()), "ms", errors));
        double p99 = Rates.millis(f.p99Nanos());
        table.add(p99TargetMs == null ? Figure.recorded(e.label() + " p99" + at, p99, "ms", errors)
                : Figure.atMost(e.label() + " p99" + at, p99, "ms", p99TargetMs).withNote(errors));
        OpenLoad.Step best = maxSustained(e, startRate);
        double sustained = best == null ? 0 : best.offeredPerSecond();
        String note = "open model, " + stepDuration.toSeconds() + " s steps ×1.5 from " + Math.round(startRate)
                + "/s; sustained = no errors, ≥ 95 % completed, p99 ≤ 250 ms";
        table.add(rateTarget == null ? Figure.recorded(e.label() + " max sustained rate", sustained, "req/s", note)
                : Figure.atLeast(e.label() + " max sustained rate", sustained, "req/s", rateTarget).withNote(note));
    }
}
