package com.pveams.benchmarks;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-model load: requests are sent on a fixed schedule whatever the answers do, and each latency is taken
 * from the request's <em>intended</em> send time, so a server that falls behind is charged for the queue it
 * builds (no coordinated omission). A request counts as an error unless it is HTTP 200 with code 20000.
 */
public final class OpenLoad {
    /** What one step measured. */
    public record Step(double offeredPerSecond, long sent, long completed, long errors, double completedPerSecond,
                       long p50Nanos, long p99Nanos, long maxNanos) {
    }

    private final HttpClient http;
    private final String authorization;

    public OpenLoad(String authorization) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "load-client");
                    t.setDaemon(true);
                    return t;
                })).build();
        this.authorization = authorization;
    }

    /**
     * Sends {@code perSecond × duration} requests built by {@code uri} (given the request's index), then waits up
     * to {@code grace} for the last answers; one still missing counts as an error.
     */
    public Step run(double perSecond, Duration duration, Duration grace, LongFunction<URI> uri) {
        long interval = Rates.intervalNanos(perSecond);
        long count = Math.max(1, duration.toNanos() / interval);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long intended = start + i * interval;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest req = HttpRequest.newBuilder(uri.apply(i)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization).header("Accept-Language", "en").GET().build();
            pending.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, failure) -> {
                long took = System.nanoTime() - intended;
                completed.incrementAndGet();
                if (failure != null || r.statusCode() != 200 || !ok(r.body())) {
                    // counted apart: a fast refusal ("busy") must not make the latency look better
                    errors.incrementAndGet();
                    return;
                }
                synchronized (latency) {
                    latency.recordValue(Math.min(took, latency.getHighestTrackableValue()));
                }
            }));
            if (pending.size() > 256) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (CompletableFuture<?> f : pending) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception lateOrFailed) {
                // counted below (late) or already counted in whenComplete (failed)
            }
        }
        long elapsed = System.nanoTime() - start;
        long done = completed.get();
        long late = count - done;
        synchronized (latency) {
            return new Step(perSecond, count, done, errors.get() + late, Rates.perSecond(done, elapsed),
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue());
        }
    }

    private static boolean ok(String body) {
        // a string test, not a parse: the client shares the 2 cores with the service
        return body != null && body.contains("\"code\":20000");
    }
}
