package com.pveams.application.service.vm.create;

import com.pveams.application.port.out.operation.OperationReader;
import com.pveams.application.port.out.operation.OperationSignals;
import com.pveams.domain.operation.Operation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits for an operation to end, up to a deadline, without holding a database connection while it waits. The
 * engine's signal (a step ended on some replica) wakes every waiter to re-read its operation; a re-read after a
 * growing pause (from 20 ms up to 1 s) covers an end the signal did not report.
 */
@Singleton
public class OperationCompletion {
    static final long FIRST_PAUSE_MS = 20;
    static final long LONGEST_PAUSE_MS = 1000;

    private final OperationReader operations;
    private final Clock clock;
    private final Object monitor = new Object();
    private long wakes;

    @Inject
    public OperationCompletion(OperationReader operations, OperationSignals signals, Clock clock) {
        this.operations = operations;
        this.clock = clock;
        signals.subscribe(this::wake);
    }

    /** Called on every engine signal. */
    void wake() {
        synchronized (monitor) {
            wakes++;
            monitor.notifyAll();
        }
    }

    /** @return the operation once finished, or empty when the wait ran out first (or it does not exist) */
    public Optional<Operation> await(long operationId, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        long pause = FIRST_PAUSE_MS;
        while (true) {
            long seen;
            synchronized (monitor) {
                seen = wakes;
            }
            Optional<Operation> op = operations.findById(operationId);
            if (op.isEmpty()) {
                return Optional.empty();
            }
            if (op.get().status().isFinished()) {
                return op;
            }
            long left = Duration.between(clock.instant(), deadline).toMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            synchronized (monitor) {
                if (wakes == seen) {
                    try {
                        monitor.wait(Math.min(left, pause));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                }
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
        }
    }
}
