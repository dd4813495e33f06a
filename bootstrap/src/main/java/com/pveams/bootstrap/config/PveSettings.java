package com.pveams.bootstrap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The PVE HTTPS client ({@code ams.pve.*}); see {@code PveClientConfig} for what each value governs. */
@ConfigMapping(prefix = "ams.pve")
public interface PveSettings {
    @WithDefault("10s")
    Duration connectTimeout();

    @WithDefault("60s")
    Duration requestTimeout();

    /** Concurrent HTTP requests to one node; more wait in a fair queue. */
    @WithDefault("8")
    int maxRequestsPerNode();

    /** Concurrent disk-allocating tasks per node and storage, so bursts queue instead of hitting PVE lock timeouts. */
    @WithDefault("2")
    int maxTasksPerStorage();

    @WithDefault("5m")
    Duration queueTimeout();

    @WithDefault("30m")
    Duration storageLeaseMax();

    /** Extra attempts for idempotent calls after a retryable failure. */
    @WithDefault("3")
    int retryAttempts();

    @WithDefault("500ms")
    Duration retryBaseDelay();

    @WithDefault("10s")
    Duration retryMaxDelay();

    @WithDefault("60m")
    Duration ticketRenewAfter();

    @WithDefault("2h")
    Duration ticketLifetime();

    @WithDefault("500ms")
    Duration taskPollInitial();

    @WithDefault("5s")
    Duration taskPollMax();

    @WithDefault("10s")
    Duration freshUpidGrace();

    @WithDefault("20")
    int taskLogTailLines();
}
