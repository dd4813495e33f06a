package com.pveams.application.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Background image downloads.
 *
 * @param staleAfter   a running download whose replica has not renewed its heartbeat for this long is an orphan
 *                     (several heartbeat periods, so a busy replica is not robbed)
 * @param pollInterval how often a PVE download task is looked at for progress
 * @param taskTimeout  how long a PVE download task may run before it counts as failed
 */
public record ImageDownloadPolicy(Duration staleAfter, Duration pollInterval, Duration taskTimeout) {
    public ImageDownloadPolicy {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(taskTimeout, "taskTimeout");
        if (staleAfter.isNegative() || staleAfter.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("image download periods must be positive");
        }
    }
}
