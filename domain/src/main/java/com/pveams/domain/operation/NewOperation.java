package com.pveams.domain.operation;

import com.pveams.domain.error.DomainException;

import java.util.List;
import java.util.Map;

/**
 * An operation to be started: its type, the VM and node it works on, its parameters (never secrets) and its steps
 * in order. Self-validating: what reaches the database passes its checks.
 *
 * @param vmId           the VM it works on, or null (operations on a VM are serialised: one active per VM)
 * @param nodeId         the node it works on; required, so a node cannot be deleted under an active operation
 * @param requestedBy    "admin:&lt;username&gt;", "api:&lt;app id&gt;" or "system"
 * @param idempotencyKey a caller's key: a second operation with the same key is refused by the database
 */
public record NewOperation(String type, Long vmId, long nodeId, Map<String, Object> params, String requestedBy,
                           String idempotencyKey, List<StepPlan> steps) {
    public static final int MAX_STEPS = 64;

    /** One step of the plan: the handler kind and how often it may be tried. */
    public record StepPlan(String kind, int maxAttempts) {
        public static final int DEFAULT_ATTEMPTS = 5;
        public static final int MAX_ATTEMPTS = 100;

        public StepPlan {
            OperationData.name(kind, "kind");
            if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
                throw DomainException.invalid("maxAttempts", "必须在1到" + MAX_ATTEMPTS + "之间",
                        "must be between 1 and " + MAX_ATTEMPTS);
            }
        }

        public static StepPlan of(String kind) {
            return new StepPlan(kind, DEFAULT_ATTEMPTS);
        }
    }

    public NewOperation {
        OperationData.name(type, "type");
        if (vmId != null && vmId < 1) {
            throw DomainException.invalid("vmId", "必须是正整数", "must be a positive integer");
        }
        if (nodeId < 1) {
            throw DomainException.invalid("nodeId", "必须是正整数", "must be a positive integer");
        }
        params = OperationData.checked(params, "params");
        requestedBy = OperationData.label(requestedBy, 128, "requestedBy");
        idempotencyKey = OperationData.label(idempotencyKey, 128, "idempotencyKey");
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw DomainException.invalid("steps", "需要1到" + MAX_STEPS + "个步骤", "must be 1 to " + MAX_STEPS + " steps");
        }
        steps = List.copyOf(steps);
    }

    public static NewOperation of(String type, Long vmId, long nodeId, Map<String, Object> params, String requestedBy,
                                  String... kinds) {
        return new NewOperation(type, vmId, nodeId, params, requestedBy, null,
                java.util.Arrays.stream(kinds).map(StepPlan::of).toList());
    }
}
