package com.pveams.domain.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One step of an {@link Operation}. Changed only through its operation, which keeps the order of the steps: the
 * transitions here are the single-step half of the state machine.
 */
public final class Step {
    private final long id;
    private final int ordinal;
    private final String kind;
    private StepStatus status;
    private int attempts;
    private final int maxAttempts;
    private int undoAttempts;
    private String leaseOwner;
    private Instant leaseUntil;
    private Instant runAfter;
    private String upid;
    private String undoUpid;
    private Instant waitingSince;
    private Instant startedAt;
    private Instant finishedAt;
    private String error;
    private Map<String, Object> output;

    private Step(long id, int ordinal, String kind, StepStatus status, int attempts, int maxAttempts,
                 int undoAttempts, String leaseOwner, Instant leaseUntil, Instant runAfter, String upid,
                 String undoUpid, Instant waitingSince, Instant startedAt, Instant finishedAt, String error,
                 Map<String, Object> output) {
        this.id = id;
        this.ordinal = ordinal;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = Objects.requireNonNull(status, "status");
        this.attempts = attempts;
        this.maxAttempts = maxAttempts;
        this.undoAttempts = undoAttempts;
        this.leaseOwner = leaseOwner;
        this.leaseUntil = leaseUntil;
        this.runAfter = runAfter;
        this.upid = upid;
        this.undoUpid = undoUpid;
        this.waitingSince = waitingSince;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.error = error;
        this.output = output == null ? Map.of() : Map.copyOf(output);
    }

    /** A stored step as it is. */
    public static Step restore(long id, int ordinal, String kind, StepStatus status, int attempts, int maxAttempts,
                               int undoAttempts, String leaseOwner, Instant leaseUntil, Instant runAfter, String upid,
                               String undoUpid, Instant waitingSince, Instant startedAt, Instant finishedAt,
                               String error, Map<String, Object> output) {
        return new Step(id, ordinal, kind, status, attempts, maxAttempts, undoAttempts, leaseOwner, leaseUntil,
                runAfter, upid, undoUpid, waitingSince, startedAt, finishedAt, error, output);
    }

    // --- reading

    public long id() {
        return id;
    }

    public int ordinal() {
        return ordinal;
    }

    public String kind() {
        return kind;
    }

    public StepStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public int undoAttempts() {
        return undoAttempts;
    }

    public String leaseOwner() {
        return leaseOwner;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    public Instant runAfter() {
        return runAfter;
    }

    public String upid() {
        return upid;
    }

    public String undoUpid() {
        return undoUpid;
    }

    public Instant waitingSince() {
        return waitingSince;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String error() {
        return error;
    }

    public Map<String, Object> output() {
        return output;
    }

    /** Being undone (leased or waiting for a worker) rather than run. */
    public boolean undoing() {
        return status == StepStatus.COMPENSATING;
    }

    /** The PVE task this phase of the step waits for, if any. */
    public String currentUpid() {
        return undoing() ? undoUpid : upid;
    }

    public boolean heldBy(String owner) {
        return (status == StepStatus.RUNNING || status == StepStatus.COMPENSATING) && owner.equals(leaseOwner);
    }

    /**
     * Whether a worker may take this step at {@code now}: a due PENDING step, a due COMPENSATING step nobody holds,
     * or a running one whose lease ran out (its worker stopped or lost the database).
     */
    public boolean claimableAt(Instant now) {
        return switch (status) {
            case PENDING -> runAfter != null && !runAfter.isAfter(now);
            case COMPENSATING -> leaseOwner == null ? runAfter != null && !runAfter.isAfter(now) : !leaseUntil.isAfter(now);
            case RUNNING -> !leaseUntil.isAfter(now);
            default -> false;
        };
    }

    /** Runnable or waiting for its time: what the queue holds. */
    boolean queued() {
        return (status == StepStatus.PENDING && runAfter != null) || (status == StepStatus.COMPENSATING && leaseOwner == null);
    }

    // --- transitions (through Operation)

    /**
     * Leases the step. Every claim costs an attempt of the phase, a takeover after an expired lease too (the
     * stopped worker may have done part of it). A takeover with no attempts left is "exhausted": the step fails.
     */
    Claim claim(String owner, Instant now, Instant until) {
        boolean takeover = leaseOwner != null;
        boolean exhausted;
        if (undoing()) {
            exhausted = undoAttempts >= maxAttempts;
            undoAttempts = Math.min(undoAttempts + 1, maxAttempts);
        } else {
            exhausted = attempts >= maxAttempts;
            attempts = Math.min(attempts + 1, maxAttempts);
            status = StepStatus.RUNNING;
            if (startedAt == null) {
                startedAt = now;
            }
        }
        leaseOwner = owner;
        leaseUntil = until;
        return new Claim(id, takeover, exhausted);
    }

    /** A claim's result: the step, whether it was taken over from a lapsed lease, and whether that used the last attempt. */
    public record Claim(long stepId, boolean takeover, boolean exhausted) {
    }

    void renew(Instant until) {
        if (until.isAfter(leaseUntil)) {
            leaseUntil = until;
        }
    }

    void runnableAt(Instant at) {
        runAfter = at;
    }

    void done(Map<String, Object> result, Instant now) {
        status = StepStatus.DONE;
        output = result;
        release();
        waitingSince = null;
        finishedAt = now;
    }

    void retryAt(Instant at, String reason) {
        if (!undoing()) {
            status = StepStatus.PENDING;
            upid = null;
        } else {
            undoUpid = null;
        }
        release();
        waitingSince = null;
        runAfter = at;
        error = reason;
    }

    /** Waiting is not a new attempt: the claim's attempt is given back, the UPID kept for whoever looks next. */
    void waitFor(String task, Instant now, StepPolicy policy) {
        String previous = currentUpid();
        if (waitingSince == null || !task.equals(previous)) {
            waitingSince = now;
        }
        if (undoing()) {
            undoUpid = task;
            undoAttempts = Math.max(0, undoAttempts - 1);
        } else {
            upid = task;
            attempts = Math.max(0, attempts - 1);
            status = StepStatus.PENDING;
        }
        release();
        runAfter = now.plus(policy.pollDelay(Duration.between(waitingSince, now)));
    }

    void failed(String reason, Instant now) {
        status = StepStatus.FAILED;
        release();
        waitingSince = null;
        error = reason;
        finishedAt = now;
    }

    void skipped() {
        status = StepStatus.SKIPPED;
        runAfter = null;
    }

    void undoAt(Instant at) {
        status = StepStatus.COMPENSATING;
        runAfter = at;
        undoAttempts = 0;
    }

    void compensated(Instant now) {
        status = StepStatus.COMPENSATED;
        release();
        waitingSince = null;
        finishedAt = now;
    }

    private void release() {
        leaseOwner = null;
        leaseUntil = null;
    }
}
