package com.pveams.bootstrap.support;

import com.pveams.application.port.out.operation.OperationMetrics;
import com.pveams.domain.operation.OperationStatus;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test-only: passes the engine's metric reports on and also queues them as events ("operation TYPE STATUS",
 * "step KIND outcome"), so a test waits for an operation to end instead of polling or sleeping.
 */
@Decorator
@Priority(10)
public class OperationEvents implements OperationMetrics {
    private static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    @Inject
    @Delegate
    @Any
    OperationMetrics delegate;

    /** Waits (at most a minute, as a guard against a hang) for the first event matching {@code wanted}. */
    public static String await(Predicate<String> wanted) {
        try {
            while (true) {
                String e = EVENTS.poll(60, TimeUnit.SECONDS);
                if (e == null) {
                    throw new AssertionError("no matching operation event within a minute");
                }
                if (wanted.test(e)) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    @Override
    public void operationFinished(String type, OperationStatus outcome) {
        delegate.operationFinished(type, outcome);
        EVENTS.add("operation " + type + " " + outcome);
    }

    @Override
    public void stepFinished(String kind, boolean undo, String outcome, Duration duration) {
        delegate.stepFinished(kind, undo, outcome, duration);
        EVENTS.add("step " + kind + (undo ? " undo " : " ") + outcome);
    }

    @Override
    public void leaseTakeover(String kind) {
        delegate.leaseTakeover(kind);
    }

    @Override
    public void queueDepth(long steps) {
        delegate.queueDepth(steps);
    }
}
