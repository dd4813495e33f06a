package com.pveams.adapters.pve.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Polls for a state another thread brings about. The bound only stops a broken run from hanging: it is so generous
 * that a correct run on a loaded machine never meets it, and no test asserts how quickly the state came.
 */
public final class Eventually {

    /** Far longer than anything a correct run waits for. */
    public static final Duration GENEROUS = Duration.ofSeconds(60);

    private Eventually() {
    }

    public static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            LockSupport.parkNanos(1_000_000); // poll interval, not a timing assumption
        }
    }
}
