package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Delete and password reset rules: refusals, the chosen way, and the plans (never a secret in them). */
class VmLifecycleRulesTest {

    private static ManagedVm vm(VmState state, DeleteState deleteState, boolean agent) {
        return new ManagedVm(7, 3L, 4242, state, deleteState, "root", agent);
    }

    private static void refused(ErrorCode code, String field, Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(code, e.code());
        assertEquals(field, e.field().orElse(null));
    }

    private static List<String> kinds(NewOperation op) {
        return op.steps().stream().map(NewOperation.StepPlan::kind).toList();
    }

    @Test
    void deleteIsPlannedInAnyStatusAndFromTheRecycleBin() {
        for (VmState s : VmState.values()) {
            NewOperation op = vm(s, DeleteState.LIVE, true).planDelete("api:1");
            assertEquals("DELETE_VM", op.type());
            assertEquals(List.of("VM_DELETE_STOP", "VM_DELETE_DESTROY", "VM_DELETE_RELEASE"), kinds(op));
            assertEquals(7L, op.vmId());
            assertEquals(3L, op.nodeId());
            assertEquals(4242, op.params().get("vmid"));
        }
        assertEquals("DELETE_VM", vm(VmState.STOPPED, DeleteState.RECYCLE_BIN, false).planDelete("x").type());
    }

    @Test
    void aDeletedVmCannotBeDeletedAgain() {
        refused(ErrorCode.VM_NOT_EXIST, null, () -> vm(VmState.STOPPED, DeleteState.DELETED, false).planDelete("x"));
        refused(ErrorCode.VM_NOT_EXIST, null,
                () -> new ManagedVm(7, null, 4242, VmState.STOPPED, DeleteState.DELETED, "root", false).planDelete("x"));
    }

    @Test
    void passwordResetRefusalsFollowTheLegacyCodes() {
        refused(ErrorCode.VM_IS_DISABLED, null, () -> vm(VmState.PAUSED, DeleteState.LIVE, true).requirePasswordResettable());
        refused(ErrorCode.VM_IS_EXPIRED, null, () -> vm(VmState.EXPIRED, DeleteState.LIVE, true).requirePasswordResettable());
        refused(ErrorCode.VM_IS_INSTALLOS, null, () -> vm(VmState.CREATING, DeleteState.LIVE, true).requirePasswordResettable());
        refused(ErrorCode.VM_IS_INSTALLOS, null, () -> vm(VmState.REINSTALLING, DeleteState.LIVE, true).requirePasswordResettable());
        refused(ErrorCode.VM_NOT_EXIST, null, () -> vm(VmState.RUNNING, DeleteState.RECYCLE_BIN, true).requirePasswordResettable());
        refused(ErrorCode.VM_NOT_EXIST, null, () -> vm(VmState.RUNNING, DeleteState.DELETED, true).requirePasswordResettable());
        for (VmState ok : List.of(VmState.RUNNING, VmState.STOPPED, VmState.SUSPENDED, VmState.OVER_QUOTA)) {
            vm(ok, DeleteState.LIVE, true).requirePasswordResettable();
        }
    }

    @Test
    void theAgentOnlyWhenConfiguredAndAnswering() {
        assertEquals(PasswordResetMethod.AGENT, vm(VmState.RUNNING, DeleteState.LIVE, true).passwordResetMethod(true));
        assertEquals(PasswordResetMethod.CLOUD_INIT, vm(VmState.RUNNING, DeleteState.LIVE, true).passwordResetMethod(false));
        assertEquals(PasswordResetMethod.CLOUD_INIT, vm(VmState.RUNNING, DeleteState.LIVE, false).passwordResetMethod(true));
    }

    @Test
    void passwordPlansCarryNoPassword() {
        NewOperation agent = vm(VmState.RUNNING, DeleteState.LIVE, true).planPasswordReset(PasswordResetMethod.AGENT, "api:1");
        assertEquals(List.of("VM_PASSWORD_PREPARE", "VM_PASSWORD_AGENT", "VM_PASSWORD_CLOUDINIT", "VM_PASSWORD_COMMIT"),
                kinds(agent));
        assertEquals("agent", agent.params().get("method"));
        assertEquals("root", agent.params().get("username"));
        NewOperation ci = vm(VmState.STOPPED, DeleteState.LIVE, false).planPasswordReset(PasswordResetMethod.CLOUD_INIT, "x");
        assertEquals(List.of("VM_PASSWORD_PREPARE", "VM_PASSWORD_CLOUDINIT", "VM_PASSWORD_SHUTDOWN", "VM_PASSWORD_START",
                "VM_PASSWORD_COMMIT"), kinds(ci));
        assertEquals("cloudinit", ci.params().get("method"));
        refused(ErrorCode.VM_IS_EXPIRED, null,
                () -> vm(VmState.EXPIRED, DeleteState.LIVE, true).planPasswordReset(PasswordResetMethod.AGENT, "x"));
    }

    @Test
    void guestPasswordRules() {
        refused(ErrorCode.NEW_PASSWORD_NOT_NULL, "newPassword", () -> GuestPassword.of(null, "newPassword"));
        refused(ErrorCode.NEW_PASSWORD_NOT_NULL, "newPassword", () -> GuestPassword.of(" \t", "newPassword"));
        refused(ErrorCode.VALID_DATA_ERROR, "newPassword", () -> GuestPassword.of("a\nb", "newPassword"));
        refused(ErrorCode.VALID_DATA_ERROR, "newPassword", () -> GuestPassword.of("a\u0000b", "newPassword"));
        refused(ErrorCode.VALID_DATA_ERROR, "newPassword", () -> GuestPassword.of("x".repeat(129), "newPassword"));
        assertEquals("x".repeat(128), GuestPassword.of("x".repeat(128), "newPassword").reveal());
        assertEquals("密码 with spaces", GuestPassword.of("密码 with spaces", "newPassword").reveal());
        assertFalse(GuestPassword.of("hunter2", "newPassword").toString().contains("hunter2"));
    }
}
