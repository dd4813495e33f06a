package com.pveams.adapters.pve.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests move by hand. {@link #sleep(long)} moves it instead of waiting, so {@code clock::sleep} as
 * the adapter's sleeper runs polls and backoffs in hand-moved time: a wait then ends after the same number of polls
 * however loaded the machine is. Safe to move from several threads.
 */
public final class MutableClock extends Clock {
    private Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    /** A sleeper that advances this clock by {@code millis} and returns at once. */
    public void sleep(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
