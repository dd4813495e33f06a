package com.pveams.application.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The console's settings: how long an open console may stay silent, and the public base URL of this service
 * ({@code https://host[:port]}) used when no console front-end is active.
 */
public record ConsolePolicy(Duration idleTimeout, Optional<String> publicUrl) {
}
