package com.pveams.domain.operation;

/** Where an operation is: PENDING → RUNNING → SUCCEEDED, or RUNNING → (COMPENSATING →) FAILED. */
public enum OperationStatus {
    PENDING, RUNNING, COMPENSATING, SUCCEEDED, FAILED, CANCELLED;

    /** Active operations hold their VM: at most one per VM ({@code ux_operation_vm_active}). */
    public boolean isActive() {
        return this == PENDING || this == RUNNING || this == COMPENSATING;
    }

    public boolean isFinished() {
        return !isActive();
    }
}
