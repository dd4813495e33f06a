package com.pveams.application.operation;

import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.Step;

import java.util.Map;
import java.util.Optional;

/** What a {@link StepHandler} gets for one run: the operation's input and what the earlier steps produced. */
public final class StepContext {
    private final Operation operation;
    private final Step step;

    StepContext(Operation operation, Step step) {
        this.operation = operation;
        this.step = step;
    }

    public long operationId() {
        return operation.id();
    }

    public String operationType() {
        return operation.type();
    }

    public Optional<Long> vmId() {
        return Optional.ofNullable(operation.vmId());
    }

    public Optional<Long> nodeId() {
        return Optional.ofNullable(operation.nodeId());
    }

    public Map<String, Object> params() {
        return operation.params();
    }

    public long stepId() {
        return step.id();
    }

    public int ordinal() {
        return step.ordinal();
    }

    public String kind() {
        return step.kind();
    }

    /** 1 on the first run of this phase (run or undo), higher on retries and takeovers. */
    public int attempt() {
        return step.undoing() ? step.undoAttempts() : step.attempts();
    }

    public boolean undoing() {
        return step.undoing();
    }

    /** The PVE task an earlier run of this phase started and is waited for. */
    public Optional<String> upid() {
        return Optional.ofNullable(step.currentUpid());
    }

    /** This step's own output: empty while it runs, what it produced while it is undone. */
    public Map<String, Object> output() {
        return step.output();
    }

    /** Outputs of the done steps before this one, by ordinal. */
    public Map<Integer, Map<String, Object>> earlierOutputs() {
        return operation.outputsBefore(step.ordinal());
    }

    /** The output of the latest done step of {@code kind} before this one. */
    public Optional<Map<String, Object>> outputOf(String kind) {
        return operation.steps().stream()
                .filter(s -> s.ordinal() < step.ordinal() && s.kind().equals(kind))
                .reduce((a, b) -> b)
                .map(Step::output);
    }
}
