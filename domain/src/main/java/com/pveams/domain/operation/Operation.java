package com.pveams.domain.operation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable operation: steps run one after the other, each by whichever worker leases it; a permanent failure
 * undoes the steps done so far in reverse order. This class is the state machine; the engine only reports what
 * a handler answered and persists the result, so every rule about attempts, backoff, leases and compensation is
 * here.
 */
public final class Operation {
    private final long id;
    private final String type;
    private final Long vmId;
    private final Long nodeId;
    private OperationStatus status;
    private final Map<String, Object> params;
    private String error;
    private final String requestedBy;
    private final String idempotencyKey;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant finishedAt;
    private final List<Step> steps;

    private Operation(long id, String type, Long vmId, Long nodeId, OperationStatus status, Map<String, Object> params,
                      String error, String requestedBy, String idempotencyKey, Instant createdAt, Instant updatedAt,
                      Instant finishedAt, List<Step> steps) {
        this.id = id;
        this.type = Objects.requireNonNull(type, "type");
        this.vmId = vmId;
        this.nodeId = nodeId;
        this.status = Objects.requireNonNull(status, "status");
        this.params = params == null ? Map.of() : params;
        this.error = error;
        this.requestedBy = requestedBy;
        this.idempotencyKey = idempotencyKey;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.finishedAt = finishedAt;
        this.steps = steps.stream().sorted(Comparator.comparingInt(Step::ordinal)).toList();
    }

    /** A stored operation with its steps (in any order). */
    public static Operation restore(long id, String type, Long vmId, Long nodeId, OperationStatus status,
                                    Map<String, Object> params, String error, String requestedBy,
                                    String idempotencyKey, Instant createdAt, Instant updatedAt, Instant finishedAt,
                                    List<Step> steps) {
        return new Operation(id, type, vmId, nodeId, status, params, error, requestedBy, idempotencyKey, createdAt,
                updatedAt, finishedAt, steps);
    }

    // --- reading

    public long id() {
        return id;
    }

    public String type() {
        return type;
    }

    public Long vmId() {
        return vmId;
    }

    public Long nodeId() {
        return nodeId;
    }

    public OperationStatus status() {
        return status;
    }

    public Map<String, Object> params() {
        return params;
    }

    public String error() {
        return error;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public List<Step> steps() {
        return steps;
    }

    public Optional<Step> step(long stepId) {
        return steps.stream().filter(s -> s.id() == stepId).findFirst();
    }

    /** The step that runs now or next: the first one not finished, or the last one. */
    public Optional<Step> currentStep() {
        return steps.stream().filter(s -> s.status() == StepStatus.PENDING || s.status() == StepStatus.RUNNING
                || s.status() == StepStatus.COMPENSATING).reduce((a, b) -> status == OperationStatus.COMPENSATING ? b : a);
    }

    /** Outputs of the DONE steps before {@code ordinal}, by ordinal: what a handler may build on. */
    public Map<Integer, Map<String, Object>> outputsBefore(int ordinal) {
        Map<Integer, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        steps.stream().filter(s -> s.ordinal() < ordinal && s.status() == StepStatus.DONE)
                .forEach(s -> out.put(s.ordinal(), s.output()));
        return out;
    }

    /** The earliest time one of its queued steps becomes runnable, if any is queued. */
    public Optional<Instant> nextRunAfter() {
        return steps.stream().filter(Step::queued).map(Step::runAfter).filter(Objects::nonNull).min(Comparator.naturalOrder());
    }

    // --- transitions

    /**
     * Leases the step to {@code owner} until {@code until}, if it is claimable at {@code now}; the first claim
     * starts the operation. (The persistence adapter claims many steps in one statement by this same rule.)
     */
    public Optional<Step.Claim> claim(long stepId, String owner, Instant now, Instant until) {
        Step step = step(stepId).orElseThrow();
        if (!step.claimableAt(now)) {
            return Optional.empty();
        }
        Step.Claim claim = step.claim(owner, now, until);
        if (status == OperationStatus.PENDING) {
            status = OperationStatus.RUNNING;
        }
        updatedAt = now;
        return Optional.of(claim);
    }

    /**
     * Extends {@code owner}'s lease on a step it is running (never shortens it); false when {@code owner} no longer
     * holds it, because the lease ran out and another worker took the step.
     */
    public boolean renewLease(long stepId, String owner, Instant until) {
        Optional<Step> step = step(stepId);
        if (step.isEmpty() || !step.get().heldBy(owner)) {
            return false;
        }
        step.get().renew(until);
        return true;
    }

    /** What {@link #record} did. */
    public record Recorded(boolean accepted, OperationStatus finishedAs, Instant nextRunAfter) {
        static Recorded leaseLost() {
            return new Recorded(false, null, null);
        }

        public boolean finished() {
            return finishedAs != null;
        }
    }

    /**
     * Records what the handler answered for a step {@code owner} holds. Nothing changes when the lease is no longer
     * {@code owner}'s (it ran out and another worker took the step): that worker's answer counts, not this one.
     *
     * @param random a uniformly random number in [0, 1), for the retry jitter
     */
    public Recorded record(long stepId, String owner, StepOutcome outcome, Instant now, StepPolicy policy, double random) {
        Step step = step(stepId).orElseThrow();
        if (!step.heldBy(owner)) {
            return Recorded.leaseLost();
        }
        updatedAt = now;
        if (step.undoing()) {
            undone(step, outcome, now, policy, random);
        } else {
            ran(step, outcome, now, policy, random);
        }
        return new Recorded(true, status.isFinished() ? status : null, nextRunAfter().orElse(null));
    }

    // Java 17: no pattern matching in switch yet, hence the instanceof chains.
    private void ran(Step step, StepOutcome outcome, Instant now, StepPolicy policy, double random) {
        if (outcome instanceof StepOutcome.Done d) {
            step.done(d.output(), now);
            Optional<Step> next = after(step);
            if (next.isPresent()) {
                next.get().runnableAt(now);
            } else {
                finish(OperationStatus.SUCCEEDED, now);
            }
        } else if (outcome instanceof StepOutcome.RetryLater r) {
            if (step.attempts() >= step.maxAttempts()) {
                fail(step, "gave up after " + step.attempts() + " attempts: " + r.reason(), now);
            } else {
                step.retryAt(now.plus(policy.retryDelay(step.attempts(), r.after(), random)), r.reason());
            }
        } else if (outcome instanceof StepOutcome.WaitForTask w) {
            step.waitFor(w.upid(), now, policy);
        } else {
            fail(step, ((StepOutcome.Fail) outcome).reason(), now);
        }
    }

    private void undone(Step step, StepOutcome outcome, Instant now, StepPolicy policy, double random) {
        if (outcome instanceof StepOutcome.Done) {
            step.compensated(now);
            undoBefore(step.ordinal(), now);
        } else if (outcome instanceof StepOutcome.RetryLater r) {
            if (step.undoAttempts() >= step.maxAttempts()) {
                undoFailed(step, "gave up after " + step.undoAttempts() + " attempts: " + r.reason(), now);
            } else {
                step.retryAt(now.plus(policy.retryDelay(step.undoAttempts(), r.after(), random)), r.reason());
            }
        } else if (outcome instanceof StepOutcome.WaitForTask w) {
            step.waitFor(w.upid(), now, policy);
        } else {
            undoFailed(step, ((StepOutcome.Fail) outcome).reason(), now);
        }
    }

    /** A step failed for good: later steps never run, the done ones are undone newest first. */
    private void fail(Step step, String reason, Instant now) {
        step.failed(reason, now);
        error = OperationData.text("step " + step.ordinal() + " " + step.kind() + ": " + reason);
        steps.stream().filter(s -> s.ordinal() > step.ordinal() && s.status() == StepStatus.PENDING).forEach(Step::skipped);
        undoBefore(step.ordinal(), now);
    }

    /**
     * An undo that cannot be done is recorded and the remaining undos still run: leaving the earlier steps' effects
     * in place would not help, and the error tells the operator what is left to clean up by hand.
     */
    private void undoFailed(Step step, String reason, Instant now) {
        step.failed("undo failed: " + reason, now);
        error = OperationData.text((error == null ? "" : error + "; ") + "undo of step " + step.ordinal() + " "
                + step.kind() + " failed: " + reason);
        undoBefore(step.ordinal(), now);
    }

    private void undoBefore(int ordinal, Instant now) {
        Optional<Step> previous = steps.stream().filter(s -> s.ordinal() < ordinal && s.status() == StepStatus.DONE)
                .reduce((a, b) -> b);
        if (previous.isPresent()) {
            previous.get().undoAt(now);
            status = OperationStatus.COMPENSATING;
        } else {
            finish(OperationStatus.FAILED, now);
        }
    }

    private Optional<Step> after(Step step) {
        return steps.stream().filter(s -> s.ordinal() > step.ordinal()).findFirst();
    }

    private void finish(OperationStatus end, Instant now) {
        status = end;
        finishedAt = now;
    }
}
