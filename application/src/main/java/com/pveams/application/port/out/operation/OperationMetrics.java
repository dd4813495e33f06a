package com.pveams.application.port.out.operation;

import com.pveams.domain.operation.OperationStatus;

import java.time.Duration;

/** What the engine reports for monitoring. */
public interface OperationMetrics {
    /** An operation ended (SUCCEEDED or FAILED) on this replica. */
    void operationFinished(String type, OperationStatus outcome);

    /**
     * One run of a step handler: its kind, whether it ran or undid the step, the outcome's name (done, retry,
     * wait, fail, lost) and how long the handler and the recording took.
     */
    void stepFinished(String kind, boolean undo, String outcome, Duration duration);

    /** A step was taken over from a worker whose lease ran out. */
    void leaseTakeover(String kind);

    /** Steps claimable now, as of the last safety poll. */
    void queueDepth(long steps);

    OperationMetrics NONE = new OperationMetrics() {
        @Override
        public void operationFinished(String type, OperationStatus outcome) {
        }

        @Override
        public void stepFinished(String kind, boolean undo, String outcome, Duration duration) {
        }

        @Override
        public void leaseTakeover(String kind) {
        }

        @Override
        public void queueDepth(long steps) {
        }
    };
}
