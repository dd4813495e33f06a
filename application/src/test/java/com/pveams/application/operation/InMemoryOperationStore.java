package com.pveams.application.operation;

import com.pveams.application.port.out.operation.ClaimedStep;
import com.pveams.application.port.out.operation.OperationSignals;
import com.pveams.application.port.out.operation.OperationStore;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationStatus;
import com.pveams.domain.operation.Step;
import com.pveams.domain.operation.StepStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The store and the signals in memory, by the domain's rules, for engine tests without a database. Readers get
 * copies, as they would from a database.
 */
final class InMemoryOperationStore implements OperationStore, OperationSignals {
    private final Map<Long, Operation> operations = new LinkedHashMap<>();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private long nextOperation = 1;
    private long nextStep = 1;
    final AtomicInteger queueDepthCalls = new AtomicInteger();

    @Override
    public void subscribe(Runnable wake) {
        subscribers.add(wake);
    }

    @Override
    public long insert(NewOperation plan, Instant now) {
        long id;
        synchronized (this) {
            if (plan.vmId() != null && operations.values().stream()
                    .anyMatch(o -> plan.vmId().equals(o.vmId()) && o.status().isActive())) {
                throw new DomainException(ErrorCode.VM_OPERATION_IN_PROGRESS, "vmId", null, null);
            }
            id = nextOperation++;
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < plan.steps().size(); i++) {
                steps.add(Step.restore(nextStep++, i, plan.steps().get(i).kind(), StepStatus.PENDING, 0,
                        plan.steps().get(i).maxAttempts(), 0, null, null, i == 0 ? now : null, null, null, null, null,
                        null, null, Map.of()));
            }
            operations.put(id, Operation.restore(id, plan.type(), plan.vmId(), plan.nodeId(), OperationStatus.PENDING,
                    plan.params(), null, plan.requestedBy(), plan.idempotencyKey(), now, now, null, steps));
        }
        subscribers.forEach(Runnable::run); // "at commit"
        return id;
    }

    @Override
    public synchronized List<ClaimedStep> claim(String owner, Instant now, Instant leaseUntil, int max) {
        record Candidate(Operation op, Step step) {
        }
        List<Candidate> due = new ArrayList<>();
        operations.values().forEach(op -> op.steps().stream().filter(s -> s.claimableAt(now))
                .forEach(s -> due.add(new Candidate(op, s))));
        due.sort(Comparator.comparing((Candidate c) -> c.step().runAfter() == null ? Instant.MIN : c.step().runAfter())
                .thenComparingLong(c -> c.step().id()));
        List<ClaimedStep> claimed = new ArrayList<>();
        for (Candidate c : due) {
            if (claimed.size() == max) {
                break;
            }
            c.op().claim(c.step().id(), owner, now, leaseUntil).ifPresent(claim ->
                    claimed.add(new ClaimedStep(c.op().id(), claim.stepId(), claim.takeover(), claim.exhausted())));
        }
        return claimed;
    }

    @Override
    public synchronized Optional<Operation> find(long operationId) {
        return Optional.ofNullable(operations.get(operationId)).map(InMemoryOperationStore::copy);
    }

    @Override
    public <T> T update(long operationId, Function<Operation, T> change) {
        T result;
        boolean due;
        synchronized (this) {
            Operation op = operations.get(operationId);
            result = change.apply(op);
            due = op.nextRunAfter().filter(at -> !at.isAfter(op.updatedAt())).isPresent();
        }
        if (due) {
            subscribers.forEach(Runnable::run);
        }
        return result;
    }

    @Override
    public synchronized Set<Long> renewLeases(String owner, Collection<Long> stepIds, Instant until) {
        Set<Long> kept = new HashSet<>();
        for (Operation op : operations.values()) {
            for (Long id : stepIds) {
                if (op.step(id).isPresent() && op.renewLease(id, owner, until)) {
                    kept.add(id);
                }
            }
        }
        return kept;
    }

    @Override
    public synchronized long queueDepth(Instant now) {
        queueDepthCalls.incrementAndGet();
        return operations.values().stream().flatMap(o -> o.steps().stream()).filter(s -> s.claimableAt(now)).count();
    }

    synchronized Operation get(long id) {
        return copy(operations.get(id));
    }

    private static Operation copy(Operation o) {
        List<Step> steps = o.steps().stream().map(s -> Step.restore(s.id(), s.ordinal(), s.kind(), s.status(),
                s.attempts(), s.maxAttempts(), s.undoAttempts(), s.leaseOwner(), s.leaseUntil(), s.runAfter(), s.upid(),
                s.undoUpid(), s.waitingSince(), s.startedAt(), s.finishedAt(), s.error(), s.output())).toList();
        return Operation.restore(o.id(), o.type(), o.vmId(), o.nodeId(), o.status(), o.params(), o.error(),
                o.requestedBy(), o.idempotencyKey(), o.createdAt(), o.updatedAt(), o.finishedAt(), steps);
    }
}
