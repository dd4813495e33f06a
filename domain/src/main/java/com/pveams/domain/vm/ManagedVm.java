package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.NewOperation.StepPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VM row as the lifecycle commands (delete, password reset) see it: enough to decide whether the command is
 * allowed and to plan its durable operation. The plans live here so the rules and the steps they imply stay
 * together; the step handlers are in the application.
 *
 * @param nodeId null only for a purged VM whose node was deleted
 */
public record ManagedVm(long id, Long nodeId, int vmid, VmState state, DeleteState deleteState, String guestUsername,
                        boolean agent) {
    public static final String DELETE = "DELETE_VM";
    public static final String DELETE_STOP = "VM_DELETE_STOP";
    public static final String DELETE_DESTROY = "VM_DELETE_DESTROY";
    public static final String DELETE_RELEASE = "VM_DELETE_RELEASE";

    public static final String RESET_PASSWORD = "RESET_PASSWORD";
    public static final String PASSWORD_PREPARE = "VM_PASSWORD_PREPARE";
    public static final String PASSWORD_AGENT = "VM_PASSWORD_AGENT";
    public static final String PASSWORD_CLOUDINIT = "VM_PASSWORD_CLOUDINIT";
    public static final String PASSWORD_SHUTDOWN = "VM_PASSWORD_SHUTDOWN";
    public static final String PASSWORD_START = "VM_PASSWORD_START";
    public static final String PASSWORD_COMMIT = "VM_PASSWORD_COMMIT";

    /** PVE calls against a node that does not answer are retried this often (with backoff) before giving up. */
    static final int PVE_ATTEMPTS = 8;

    public ManagedVm {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deleteState, "deleteState");
    }

    /**
     * The contract's delete is final (see docs/architecture.md, "VM delete and password reset"): allowed in any
     * status, also from the legacy recycle bin; a purged VM no longer exists (1016).
     */
    public NewOperation planDelete(String requestedBy) {
        if (deleteState == DeleteState.DELETED || nodeId == null) {
            throw new DomainException(ErrorCode.VM_NOT_EXIST);
        }
        return new NewOperation(DELETE, id, nodeId, target(), requestedBy, null, List.of(
                new StepPlan(DELETE_STOP, PVE_ATTEMPTS), new StepPlan(DELETE_DESTROY, PVE_ATTEMPTS),
                StepPlan.of(DELETE_RELEASE)));
    }

    /** Legacy §6.5 refusals: unknown 1016, paused by an admin 1018, expired 1021; creating or reinstalling 1042. */
    public void requirePasswordResettable() {
        if (deleteState != DeleteState.LIVE || nodeId == null) {
            throw new DomainException(ErrorCode.VM_NOT_EXIST);
        }
        switch (state) {
            case PAUSED -> throw new DomainException(ErrorCode.VM_IS_DISABLED);
            case EXPIRED -> throw new DomainException(ErrorCode.VM_IS_EXPIRED);
            case CREATING, REINSTALLING -> throw new DomainException(ErrorCode.VM_IS_INSTALLOS);
            default -> {
            }
        }
    }

    /** The guest agent only when the VM has one configured and it answered just now; cloud-init otherwise. */
    public PasswordResetMethod passwordResetMethod(boolean agentAnswered) {
        return agent && agentAnswered ? PasswordResetMethod.AGENT : PasswordResetMethod.CLOUD_INIT;
    }

    /**
     * The reset's steps. The password is never a parameter: it waits encrypted in the VM row until the last step
     * makes it the guest password (or the first step's undo drops it). Both methods also set {@code cipassword},
     * so a later cloud-init run (new instance id after a config change) does not bring the old password back.
     */
    public NewOperation planPasswordReset(PasswordResetMethod method, String requestedBy) {
        requirePasswordResettable();
        Map<String, Object> params = target();
        params.put("username", guestUsername);
        params.put("method", method.wireName());
        List<StepPlan> steps = new ArrayList<>();
        steps.add(StepPlan.of(PASSWORD_PREPARE));
        if (method == PasswordResetMethod.AGENT) {
            steps.add(new StepPlan(PASSWORD_AGENT, PVE_ATTEMPTS));
            steps.add(new StepPlan(PASSWORD_CLOUDINIT, PVE_ATTEMPTS));
        } else {
            steps.add(new StepPlan(PASSWORD_CLOUDINIT, PVE_ATTEMPTS));
            steps.add(new StepPlan(PASSWORD_SHUTDOWN, PVE_ATTEMPTS));
            steps.add(new StepPlan(PASSWORD_START, PVE_ATTEMPTS));
        }
        steps.add(StepPlan.of(PASSWORD_COMMIT));
        return new NewOperation(RESET_PASSWORD, id, nodeId, params, requestedBy, null, steps);
    }

    private Map<String, Object> target() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmid", vmid);
        return params;
    }
}
