package com.pveams.domain.operation;

/**
 * A step's state. PENDING waits for a worker (runnable once {@code runAfter} has passed), RUNNING is leased by one,
 * DONE/FAILED/SKIPPED end the forward run; a DONE step whose operation failed is undone: COMPENSATING (waiting
 * for, or leased by, a worker) → COMPENSATED.
 */
public enum StepStatus {
    PENDING, RUNNING, DONE, FAILED, COMPENSATING, COMPENSATED, SKIPPED
}
