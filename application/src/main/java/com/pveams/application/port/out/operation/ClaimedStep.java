package com.pveams.application.port.out.operation;

/**
 * A step leased to this replica by {@link OperationStore#claim}.
 *
 * @param takeover  the step was taken from a worker whose lease ran out
 * @param exhausted that takeover used its last attempt: the step is to fail rather than run
 */
public record ClaimedStep(long operationId, long stepId, boolean takeover, boolean exhausted) {
}
