package com.pveams.domain.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When an open console counts as idle: no byte in either direction for the idle timeout. A VNC client that shows
 * a still screen sends nothing and the server sends no updates, so an abandoned tab stops holding a PVE proxy.
 */
public final class ConsoleIdleness {
    private final Duration timeout;
    private volatile Instant lastActivity;

    public ConsoleIdleness(Duration timeout, Instant openedAt) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
        this.timeout = timeout;
        this.lastActivity = Objects.requireNonNull(openedAt);
    }

    public void touch(Instant now) {
        if (now.isAfter(lastActivity)) {
            lastActivity = now;
        }
    }

    public boolean idleAt(Instant now) {
        return !now.isBefore(lastActivity.plus(timeout));
    }
}
