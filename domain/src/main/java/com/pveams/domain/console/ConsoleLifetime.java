package com.pveams.domain.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long an open console may last: the {@code vncTime} setting counted from its opening, whatever its activity. A
 * console link is meant to stop working; the customer asks for a new URL to go on.
 */
public final class ConsoleLifetime {
    private final Instant endsAt;

    public ConsoleLifetime(Instant openedAt, Duration lifetime) {
        Objects.requireNonNull(openedAt);
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a console's lifetime must be positive");
        }
        this.endsAt = openedAt.plus(lifetime);
    }

    public Instant endsAt() {
        return endsAt;
    }

    /** True from the end of the lifetime on. */
    public boolean endedAt(Instant now) {
        return !now.isBefore(endsAt);
    }
}
