package com.pveams.bootstrap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The durable operation engine ({@code ams.operations.*}); see {@code OperationEnginePolicy} and {@code StepPolicy}. */
@ConfigMapping(prefix = "ams.operations")
public interface OperationSettings {
    /** Steps run at once on this replica (platform threads). */
    @WithDefault("8")
    int workers();

    /** A claimed step's lease, renewed every third of it while the step runs; a dead replica's steps move on after it. */
    @WithDefault("30s")
    Duration lease();

    /** Search for expired leases and missed notifications; the normal path never waits for it. */
    @WithDefault("5s")
    Duration safetyPoll();

    /** First retry delay after a transient failure; doubles per attempt up to {@code retry-max}. */
    @WithDefault("1s")
    Duration retryBase();

    @WithDefault("1m")
    Duration retryMax();

    /** Share of a retry delay taken off at random (0 to 1), so failures together do not retry together. */
    @WithDefault("0.5")
    double retryJitter();

    /** PVE task polling: from this fast ... */
    @WithDefault("50ms")
    Duration taskPollMin();

    /** ... to this slow, a fifth of the time waited so far. */
    @WithDefault("2s")
    Duration taskPollMax();

    /** On shutdown, how long running steps may finish before their leases are left to run out. */
    @WithDefault("10s")
    Duration shutdownGrace();
}
