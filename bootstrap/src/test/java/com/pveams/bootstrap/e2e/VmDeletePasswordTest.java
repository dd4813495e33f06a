package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.OperationEvents;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.support.TestStepHandlers;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.domain.operation.NewOperation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VM delete (admin and public) and the public guest password reset, end to end: VM rows in the embedded database,
 * their guests in the PVE simulator, the durable operations run by the service's engine.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmDeletePasswordTest {
    private static final AtomicInteger VMIDS = new AtomicInteger(5100);
    private static final AtomicInteger NETS = new AtomicInteger(1);

    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1").clusterName("lifecycle"));
    static PveSimulator sim;
    /** Shared rows of the class: the node and an API key. */
    static long node;
    static String appId;
    static String appKey;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    StartOperation operations;

    String root;
    InventoryRows rows;

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        if (node == 0) {
            node = pve.node("pve1");
            appId = pve.apiKey("vm-lifecycle").appId();
            appKey = pve.apiKey("vm-lifecycle").appKey();
        }
    }

    /** A VM row (status {@code status}) with its guest in the simulator unless {@code onPve} is false. */
    private long vm(int vmid, int status, boolean onPve, boolean running) {
        long id = rows.vm(node, vmid, InventoryRows.unique("host"), cipher.encrypt("Old-Pass1"), "{}", status);
        if (onPve) {
            sim.addVm("pve1", vmid, "guest" + vmid, 512, 1, running);
        }
        return id;
    }

    private RequestSpecification api() {
        return given().header("Authorization", Api.basic(appId, appKey));
    }

    private ValidatableResponse adminGet(String path) {
        return Api.admin(root).get("/admin/" + path).then().statusCode(200);
    }

    private static void refused(ValidatableResponse r, int code, String field) {
        r.statusCode(200).body("code", equalTo(code)).body("data", nullValue());
        if (field != null) {
            r.body("message", containsString(field));
        }
    }

    private ValidatableResponse resetPassword(Object body) {
        return api().contentType(ContentType.JSON).body(body).put("/api/v1/pve/updateVmConfig/restPassword").then()
                .statusCode(200);
    }

    private static Map<String, Object> passwordBody(Object hostId, Object password) {
        Map<String, Object> b = new HashMap<>();
        b.put("hostId", hostId);
        b.put("newPassword", password);
        return b;
    }

    private void noSecretInOperations(long vmId, String secret) {
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id = ? AND (params::text LIKE ?"
                + " OR coalesce(error, '') LIKE ?)", vmId, "%" + secret + "%", "%" + secret + "%"));
        assertEquals(0, rows.count("SELECT count(*) FROM operation_step s JOIN operation o ON o.id = s.operation_id"
                + " WHERE o.vm_id = ? AND (s::text LIKE ?)", vmId, "%" + secret + "%"));
    }

    // ------------------------------------------------------------------------------------------------------ delete

    @Test
    void adminDeleteStopsDestroysFreesTheAddressesAndTheVmidAndHidesTheVm() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(vmid, 0, true, true);
        String net = "10.77." + NETS.incrementAndGet() + ".";
        long pool = rows.count("INSERT INTO ip_pool (node_id, name, prefix_length, gateway, dns1)"
                + " VALUES (?, ?, 24, CAST(? AS inet), CAST('1.1.1.1' AS inet)) RETURNING id",
                node, InventoryRows.unique("pool"), net + "1");
        rows.execute("INSERT INTO ip_address (pool_id, node_id, ip_version, address)"
                + " SELECT ?, ?, 4, CAST(? AS inet) + g FROM generate_series(0, 2) g", pool, node, net + "10");
        rows.hold(pool, net + "10", vm);
        rows.hold(pool, net + "11", vm);
        rows.execute("INSERT INTO vmid_reservation (node_id, vmid, vm_id, reserved_until, vmid_space)"
                + " SELECT id, ?, ?, now() + interval '15 minutes', vmid_space FROM node WHERE id = ?", vmid, vm, node);
        assertEquals("running", sim.vmStatus(vmid));

        // the admin UI's VM page deletes with PUT
        long op = Api.admin(root).put("/admin/delete/" + vm).then().statusCode(200).body("code", equalTo(20000))
                .body("data.hostId", equalTo((int) vm)).body("data.operationId", notNullValue())
                .extract().jsonPath().getLong("data.operationId");
        OperationEvents.await(e -> e.equals("operation DELETE_VM SUCCEEDED"));

        assertFalse(sim.vmExists(vmid), "destroyed on PVE");
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE vm_id = ?", vm));
        assertEquals(3, rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ? AND status = 0 AND vm_id IS NULL", pool),
                "the addresses are free again");
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE vm_id = ? OR (vmid = ? AND vmid_space ="
                + " (SELECT vmid_space FROM node WHERE id = ?))", vm, vmid, node));
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm));
        assertEquals(1, rows.count("SELECT status FROM vm WHERE id = ?", vm));
        assertNotNull(rows.value("SELECT deleted_at FROM vm WHERE id = ?", vm));

        adminGet("getOperation/" + op).body("code", equalTo(20000)).body("data.type", equalTo("DELETE_VM"))
                .body("data.status", equalTo("SUCCEEDED"))
                .body("data.steps.kind", equalTo(List.of("VM_DELETE_STOP", "VM_DELETE_DESTROY", "VM_DELETE_RELEASE")))
                .body("data.steps.status", equalTo(List.of("DONE", "DONE", "DONE")))
                .body("data.steps[0].upid", containsString("qmstop"))
                .body("data.steps[1].upid", containsString("qmdestroy"))
                .body("data.steps[1].output.destroyed", equalTo(true));
        adminGet("getVmByParam?param=nodeid&value=" + node + "&size=100")
                .body("data.records.vmhost.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) vm)));
        refused(adminGet("getVmHostInfo?hostId=" + vm), 1016, null);
        // deleting again: the VM no longer exists
        refused(Api.admin(root).delete("/admin/delete/" + vm).then(), 1016, null);
    }

    @Test
    void aVmAlreadyGoneOnPveIsDeletedThroughThePublicApi() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(vmid, 1, false, false);

        long op = api().delete("/api/v1/pve/delete/" + vm).then().statusCode(200).body("code", equalTo(20000))
                .body("data.hostId", equalTo((int) vm)).extract().jsonPath().getLong("data.operationId");
        OperationEvents.await(e -> e.equals("operation DELETE_VM SUCCEEDED"));

        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm));
        adminGet("getOperation/" + op).body("data.status", equalTo("SUCCEEDED"))
                .body("data.steps[0].output.onPve", equalTo(false))
                .body("data.steps[0].upid", nullValue())
                .body("data.steps[1].upid", nullValue());
        refused(api().get("/api/v1/pve/getVmInfo?hostId=" + vm).then(), 1016, null);
    }

    @Test
    void deleteRefusals() {
        refused(Api.admin(root).delete("/admin/delete/99999999").then(), 1016, null);
        refused(api().delete("/api/v1/pve/delete/99999999").then(), 1016, null);
        refused(Api.admin(root).delete("/admin/delete/abc").then(), 4000002, "hostId");
        refused(api().post("/api/v1/pve/delete/0").then(), 4000002, "hostId");
        refused(api().delete("/api/v1/kvm/delete/1").then(), 501001, null);
        given().delete("/api/v1/pve/delete/1").then().statusCode(401);
        refused(given().header("Authorization", "not-a-token").delete("/admin/delete/1").then(), 501002, null);

        // another operation on the VM: 1080, nothing started, the VM stays
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(vmid, 0, true, true);
        CountDownLatch gate = new CountDownLatch(1);
        TestStepHandlers.GATES.put("vm-" + vm, gate);
        operations.start(NewOperation.of("E2E_HELD", vm, node, Map.of("gate", "vm-" + vm), "test", "E2E_HOLD"));
        try {
            refused(Api.admin(root).delete("/admin/delete/" + vm).then(), 1080, null);
            refused(resetPassword(passwordBody(vm, "An0ther-Pass")), 1080, null);
        } finally {
            gate.countDown();
        }
        OperationEvents.await(e -> e.equals("operation E2E_HELD SUCCEEDED"));
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id = ? AND type IN ('DELETE_VM', 'RESET_PASSWORD')", vm));
        assertNull(rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm), "nothing half-written");
        assertEquals(0, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm));
        assertTrue(sim.vmExists(vmid));
    }

    // -------------------------------------------------------------------------------------------------- password

    @Test
    void passwordThroughTheGuestAgent() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(vmid, 0, true, true);
        sim.setVmConfig(vmid, "agent", "1");
        String secret = "N3w-Agent-Pass";

        long op = resetPassword(passwordBody(vm, secret)).body("code", equalTo(20000))
                .body("data.hostId", equalTo((int) vm)).body("data.method", equalTo("agent"))
                .extract().jsonPath().getLong("data.operationId");
        OperationEvents.await(e -> e.equals("operation RESET_PASSWORD SUCCEEDED"));

        assertEquals(secret, sim.guestPassword(vmid, "root").orElseThrow(), "set inside the guest");
        assertEquals("running", sim.vmStatus(vmid), "not restarted");
        assertEquals(0, sim.cloudInitRegenerations(vmid));
        assertEquals(secret, cipher.decrypt((byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm)));
        assertNull(rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm));
        adminGet("getOperation/" + op).body("data.type", equalTo("RESET_PASSWORD"))
                .body("data.params.method", equalTo("agent"))
                .body("data.steps.kind", equalTo(List.of("VM_PASSWORD_PREPARE", "VM_PASSWORD_AGENT",
                        "VM_PASSWORD_CLOUDINIT", "VM_PASSWORD_COMMIT")))
                .body("data.steps.status", equalTo(List.of("DONE", "DONE", "DONE", "DONE")));
        adminGet("getVmHostInfo?hostId=" + vm).body("data.vmhost.password", equalTo(secret));
        noSecretInOperations(vm, secret);
        assertEquals(0, rows.count("SELECT count(*) FROM audit_log WHERE detail LIKE ?", "%" + secret + "%"),
                "the audit trail masks the password");
    }

    @Test
    void passwordThroughCloudInitRestartsARunningVm() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(vmid, 0, true, true);
        sim.setVmConfig(vmid, "ide2", "local-lvm:vm-" + vmid + "-cloudinit,media=cdrom");
        String secret = "N3w-Cloud-Pass";

        // no agent configured on the guest: cloud-init; POST is the legacy's other method
        long op = api().contentType(ContentType.JSON).body(passwordBody(vm, secret))
                .post("/api/v1/pve/updateVmConfig/restPassword").then().statusCode(200)
                .body("code", equalTo(20000)).body("data.method", equalTo("cloudinit"))
                .extract().jsonPath().getLong("data.operationId");
        OperationEvents.await(e -> e.equals("operation RESET_PASSWORD SUCCEEDED"));

        assertTrue(sim.cloudInitRegenerations(vmid) >= 1);
        assertNotNull(sim.vmConfig(vmid).get("cipassword"));
        assertEquals("running", sim.vmStatus(vmid), "started again");
        assertEquals(secret, cipher.decrypt((byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm)));
        adminGet("getOperation/" + op).body("data.params.method", equalTo("cloudinit"))
                .body("data.steps.kind", equalTo(List.of("VM_PASSWORD_PREPARE", "VM_PASSWORD_CLOUDINIT",
                        "VM_PASSWORD_SHUTDOWN", "VM_PASSWORD_START", "VM_PASSWORD_COMMIT")))
                .body("data.steps.status", equalTo(List.of("DONE", "DONE", "DONE", "DONE", "DONE")))
                .body("data.steps[2].output.wasRunning", equalTo(true))
                .body("data.steps[3].output.started", equalTo(true));
        noSecretInOperations(vm, secret);
    }

    @Test
    void passwordThroughCloudInitLeavesAStoppedVmStopped() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(vmid, 1, true, false);
        sim.setVmConfig(vmid, "agent", "1");
        sim.setVmConfig(vmid, "ide2", "local-lvm:vm-" + vmid + "-cloudinit,media=cdrom");

        resetPassword(passwordBody(vm, "Stopped-Pass1")).body("data.method", equalTo("cloudinit"));
        OperationEvents.await(e -> e.equals("operation RESET_PASSWORD SUCCEEDED"));

        assertEquals("stopped", sim.vmStatus(vmid));
        assertEquals("Stopped-Pass1", cipher.decrypt((byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm)));
    }

    @Test
    void passwordRefusals() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(vmid, 0, true, true);
        refused(resetPassword(passwordBody(vm, "")), 1022, "newPassword");
        refused(resetPassword(passwordBody(vm, "   ")), 1022, "newPassword");
        refused(resetPassword(passwordBody(vm, null)), 1022, "newPassword");
        refused(resetPassword(passwordBody(vm, "bad\npassword")), 4000002, "newPassword");
        refused(resetPassword(passwordBody(vm, "x".repeat(129))), 4000002, "newPassword");
        refused(resetPassword(passwordBody(null, "Good-Pass1")), 4000002, "hostId");
        refused(resetPassword(passwordBody("abc", "Good-Pass1")), 4000002, "hostId");
        refused(resetPassword(passwordBody(99999999, "Good-Pass1")), 1016, null);
        refused(api().contentType(ContentType.JSON).put("/api/v1/pve/updateVmConfig/restPassword").then(), 4000002, "body");
        refused(api().contentType(ContentType.JSON).body(passwordBody(vm, "Good-Pass1"))
                .put("/api/v1/kvm/updateVmConfig/restPassword").then(), 501001, null);

        for (int[] refusal : new int[][]{{4, 1018}, {5, 1021}, {6, 1042}, {13, 1042}}) {
            rows.execute("UPDATE vm SET status = ? WHERE id = ?", (short) refusal[0], vm);
            refused(resetPassword(passwordBody(vm, "Good-Pass1")), refusal[1], null);
        }
        rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now(), status = 1 WHERE id = ?", vm);
        refused(resetPassword(passwordBody(vm, "Good-Pass1")), 1016, null);
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id = ?", vm));
        assertEquals("Old-Pass1", cipher.decrypt((byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm)));
    }
}
