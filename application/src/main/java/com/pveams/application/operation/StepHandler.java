package com.pveams.application.operation;

import com.pveams.domain.operation.StepOutcome;

/**
 * Runs and undoes one kind of step. Features (VM create, reinstall, power…) implement one per step kind; the engine
 * finds them by {@link #kind()}.
 *
 * <p>A step may run more than once: after a retry, or when its worker stopped and another replica took the step
 * over. So each method first reads the world (PVE, the database) and does only what is missing: a re-run of a
 * done step returns {@code DONE} without doing it again. When {@link StepContext#upid()} is set, an earlier run
 * already started the PVE task: look at it instead of starting another.
 *
 * <p>Outcomes: {@code DONE} with an output for later steps (never secrets), {@code RETRY_LATER} for transient
 * trouble (node unreachable, lock held), {@code WAIT_FOR_TASK} with the UPID of a started PVE task, {@code FAIL}
 * when it cannot succeed. A failing step must leave nothing behind: only DONE steps are undone. Throwing counts
 * as {@code RETRY_LATER}; a {@code DomainException} as {@code FAIL}.
 */
public interface StepHandler {
    /** The step kind this handler runs, as in {@code operation_step.kind}. */
    String kind();

    StepOutcome execute(StepContext context);

    /**
     * Undoes the effect of this step, which is DONE, after a later step failed for good. Same rules as
     * {@link #execute}; {@link StepContext#output()} is what the step produced. The default has nothing to undo.
     */
    default StepOutcome compensate(StepContext context) {
        return StepOutcome.done();
    }
}
