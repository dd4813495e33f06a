package com.pveams.bootstrap.support;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Awaits a state another thread or process brings about (a row written after a close, a page's own state), checking
 * the condition itself, never assuming how long it takes. The bound only stops a broken run from hanging.
 */
public final class Conditions {
    private static final long BOUND_NANOS = 60_000_000_000L;
    private static final long RECHECK_NANOS = 20_000_000L;

    private Conditions() {
    }

    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            LockSupport.parkNanos(RECHECK_NANOS);
        }
    }
}
