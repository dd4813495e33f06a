package com.pveams.adapters.pve.client;

import java.time.Duration;

/**
 * Told about every HTTP exchange with a PVE node (each attempt, re-logins included), so latency can be measured
 * without this adapter depending on a metrics library: the application's wiring implements it (Micrometer).
 * Labels stay bounded: {@code pathTemplate} has placeholders for ids ({@link PathTemplate}), {@code outcome} is
 * {@code ok}, {@code http_4xx}/{@code http_5xx} or the failure kind ({@code unreachable}, {@code timeout} …).
 */
@FunctionalInterface
public interface PveCallObserver {
    void callFinished(String node, String method, String pathTemplate, String outcome, Duration duration);

    PveCallObserver NONE = (node, method, pathTemplate, outcome, duration) -> {
    };
}
