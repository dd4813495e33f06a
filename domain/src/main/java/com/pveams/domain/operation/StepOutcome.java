package com.pveams.domain.operation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** What a step handler reports after one run (or undo) of its step. */
public sealed interface StepOutcome {

    /** The step's effect exists; {@code output} (never secrets) is kept for later steps and for the record. */
    record Done(Map<String, Object> output) implements StepOutcome {
        public Done {
            output = OperationData.checked(output, "output");
        }
    }

    /**
     * A transient failure: run again later. {@code after} (may be null) is the least wait the handler asks for;
     * the engine's backoff may wait longer. Once the step has no attempts left this counts as a failure.
     */
    record RetryLater(Duration after, String reason) implements StepOutcome {
        public RetryLater {
            if (after != null && after.isNegative()) {
                throw new IllegalArgumentException("after must not be negative");
            }
            reason = OperationData.text(reason);
        }
    }

    /** A permanent failure: the operation fails and the steps done so far are undone, newest first. */
    record Fail(String reason) implements StepOutcome {
        public Fail {
            reason = OperationData.text(reason);
        }
    }

    /**
     * The handler started (or found) the hypervisor task {@code upid} and the step ends when it does. The UPID is
     * recorded before the engine waits, so a worker taking over resumes waiting instead of starting the task again.
     */
    record WaitForTask(String upid) implements StepOutcome {
        public WaitForTask {
            Objects.requireNonNull(upid, "upid");
            if (!upid.startsWith("UPID:") || upid.length() > 255 || upid.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("not a PVE task id");
            }
        }
    }

    static StepOutcome done() {
        return new Done(Map.of());
    }

    static StepOutcome done(Map<String, Object> output) {
        return new Done(output);
    }

    static StepOutcome retryLater(Duration after, String reason) {
        return new RetryLater(after, reason);
    }

    static StepOutcome fail(String reason) {
        return new Fail(reason);
    }

    static StepOutcome waitForTask(String upid) {
        return new WaitForTask(upid);
    }
}
