package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.in.vm.ExpireVmsUseCase;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Power actions, renewal and expiry end to end: VM rows in the embedded database, the guests in the PVE simulator.
 * Each request starts a durable operation; the test waits for it through the engine's events, then checks the
 * simulated guest, the stored status and the operation's record.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmPowerTest {
    private static final String NODE = "pwr1";
    private static final AtomicInteger NEXT_VMID = new AtomicInteger(5100);
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes(NODE).clusterName("power"));
    static PveSimulator sim;
    static long nodeId;
    static String appId;
    static String appKey;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    ExpireVmsUseCase expiry;
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
        if (nodeId == 0) {
            nodeId = pve.node(NODE);
            appId = pve.apiKey("vm-power").appId();
            appKey = pve.apiKey("vm-power").appKey();
        }
    }

    /** A VM row with the given status, and its guest in the simulator unless {@code onPve} is null. */
    private Vm vm(int status, Boolean onPve) {
        int vmid = NEXT_VMID.getAndIncrement();
        String host = InventoryRows.unique("pw");
        long id = rows.vm(nodeId, vmid, host, cipher.encrypt("Gu3st-Pass"), "{}", status);
        if (onPve != null) {
            sim.addVm(NODE, vmid, host, 512, 1, onPve);
        }
        return new Vm(id, vmid);
    }

    record Vm(long id, int vmid) {
    }

    private ValidatableResponse admin(String method, String path, Object body) {
        var spec = Api.admin(root);
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.request(method, "/admin/" + path).then().statusCode(200);
    }

    private ValidatableResponse api(String method, String path, Object body) {
        var spec = given().header("Authorization", Api.basic(appId, appKey)).contentType("application/json");
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.request(method, "/api/v1/" + path).then().statusCode(200);
    }

    private static void ok(ValidatableResponse r) {
        r.body("code", equalTo(20000)).body("data", nullValue());
    }

    private static void refused(ValidatableResponse r, int code, String text) {
        r.body("code", equalTo(code)).body("message", containsString(text)).body("data", nullValue());
    }

    private int status(Vm vm) {
        return (int) rows.count("SELECT status FROM vm WHERE id = ?", vm.id());
    }

    private long operations(Vm vm) {
        return rows.count("SELECT count(*) FROM operation WHERE vm_id = ?", vm.id());
    }

    /** The VM's newest operation, once it ended: waits for the engine's events, never sleeps. */
    private long finished(Vm vm, String expected) {
        long id = rows.count("SELECT max(id) FROM operation WHERE vm_id = ?", vm.id());
        while (true) {
            String s = rows.text("SELECT status FROM operation WHERE id = ?", id);
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(s)) {
                assertEquals(expected, s, "operation " + id + ": " + rows.text("SELECT error FROM operation WHERE id = ?", id));
                return id;
            }
            OperationEvents.await(e -> e.startsWith("operation "));
        }
    }

    private void power(Vm vm, String action) {
        ok(admin("PUT", "power/" + vm.id() + "/" + action, null));
        finished(vm, "SUCCEEDED");
    }

    private boolean sawPve(int vmid, String action) {
        return sim.requests().stream().anyMatch(r -> r.method().equals("POST")
                && r.path().endsWith("/qemu/" + vmid + "/status/" + action));
    }

    // ------------------------------------------------------------------------------------------------ actions

    @Test
    void eachActionChangesTheGuestAndTheStoredStatus() {
        Vm vm = vm(1, false);

        ok(admin("PUT", "power/" + vm.id() + "/start", null));
        long startOp = finished(vm, "SUCCEEDED");
        assertEquals("running", sim.vmStatus(vm.vmid()));
        assertEquals(0, status(vm));

        // the record: both steps, the PVE task of the second
        admin("GET", "getOperation/" + startOp, null).body("code", equalTo(20000))
                .body("data.type", equalTo("VM_POWER_START")).body("data.vmId", equalTo((int) vm.id()))
                .body("data.status", equalTo("SUCCEEDED")).body("data.requestedBy", equalTo("admin:admin"))
                .body("data.params.action", equalTo("start")).body("data.params.vmid", equalTo(vm.vmid()))
                .body("data.steps.kind", equalTo(List.of("VM_POWER_BEGIN", "VM_POWER")))
                .body("data.steps.status", equalTo(List.of("DONE", "DONE")))
                .body("data.steps[1].upid", startsWith("UPID:" + NODE + ":"))
                .body("data.steps[1].output.pveTask", equalTo("qmstart"))
                .body("data.steps[1].output.status", equalTo(0));

        // starting a running VM asks PVE nothing but its state
        ok(api("PUT", "pve/power/" + vm.id() + "/start", null));
        long again = finished(vm, "SUCCEEDED");
        admin("GET", "getOperation/" + again, null).body("data.requestedBy", equalTo("api:" + appId))
                .body("data.steps[1].upid", nullValue()).body("data.steps[1].output.pveTask", equalTo("none"));

        api("PUT", "pve/power/" + vm.id() + "/reboot", null).body("code", equalTo(20000));
        finished(vm, "SUCCEEDED");
        assertTrue(sawPve(vm.vmid(), "reboot"));
        assertEquals("running", sim.vmStatus(vm.vmid()));
        assertEquals(0, status(vm));

        // stop = graceful shutdown (PVE's shutdown), through the legacy POST
        ok(admin("POST", "power/" + vm.id() + "/stop", null));
        finished(vm, "SUCCEEDED");
        assertTrue(sawPve(vm.vmid(), "shutdown"));
        assertEquals("stopped", sim.vmStatus(vm.vmid()));
        assertEquals(1, status(vm));

        // shutdown = forced stop (PVE's stop)
        power(vm, "start");
        ok(api("POST", "pve/power/" + vm.id() + "/shutdown", null));
        finished(vm, "SUCCEEDED");
        assertTrue(sawPve(vm.vmid(), "stop"));
        assertEquals("stopped", sim.vmStatus(vm.vmid()));
        assertEquals(1, status(vm));

        // suspend hibernates to disk, resume starts it from there
        power(vm, "start");
        power(vm, "suspend");
        assertEquals("stopped", sim.vmStatus(vm.vmid()));
        assertTrue(sim.vmConfig(vm.vmid()).containsKey("vmstate"), "hibernated");
        assertEquals(2, status(vm));
        power(vm, "resume");
        assertEquals("running", sim.vmStatus(vm.vmid()));
        assertEquals(0, status(vm));

        // pause: an admin's suspension with its reason; the VM is off and cannot be started until unpaused
        ok(admin("PUT", "power/" + vm.id() + "/pause", Map.of("pauseInfo", "abuse report #7")));
        finished(vm, "SUCCEEDED");
        assertEquals("stopped", sim.vmStatus(vm.vmid()));
        assertEquals(4, status(vm));
        assertEquals("abuse report #7", rows.text("SELECT pause_info FROM vm WHERE id = ?", vm.id()));
        long before = operations(vm);
        refused(admin("PUT", "power/" + vm.id() + "/start", null), 1018, "禁用");
        refused(api("PUT", "pve/power/" + vm.id() + "/reboot", null), 1018, "禁用");
        assertEquals(before, operations(vm), "a refusal starts nothing");
        power(vm, "unpause");
        assertEquals("running", sim.vmStatus(vm.vmid()));
        assertEquals(0, status(vm));
        assertNull(rows.text("SELECT pause_info FROM vm WHERE id = ?", vm.id()));
        refused(admin("PUT", "power/" + vm.id() + "/unpause", null), 20400, "未暂停");
    }

    @Test
    void aFailedActionGivesTheVmItsStatusBack() {
        Vm vm = vm(1, null); // not on PVE
        ok(admin("PUT", "power/" + vm.id() + "/start", null));
        assertTrue(List.of(7, 1).contains(status(vm)), "starting, or already back");
        long op = finished(vm, "FAILED");
        assertEquals(1, status(vm));
        admin("GET", "getOperation/" + op, null).body("data.steps.status", equalTo(List.of("COMPENSATED", "FAILED")))
                .body("data.error", containsString("VM_POWER"));
    }

    // ----------------------------------------------------------------------------------------------- refusals

    @Test
    void refusalsAnswerTheLegacyCodesAndWriteNothing() {
        // the legacy power controller's answer for a missing VM, as the contract's example and the panels have it
        refused(admin("PUT", "power/999999999/start", null), 20400, "虚拟机不存在");
        refused(api("PUT", "pve/power/999999999/stop", null), 20400, "虚拟机不存在");
        api("POST", "pve/power/999999999/start", null).body("message", equalTo("虚拟机不存在"));
        Vm vm = vm(1, false);
        refused(admin("PUT", "power/" + vm.id() + "/reset", null), 4000002, "action");
        refused(api("PUT", "pve/power/" + vm.id() + "/fly", null), 4000002, "action");
        refused(admin("PUT", "power/abc/start", null), 4000002, "hostId");
        refused(admin("PUT", "power/" + vm.id() + "/pause", Map.of("pauseInfo", "x".repeat(256))), 4000002, "pauseInfo");
        api("PUT", "xen/power/" + vm.id() + "/start", null).body("code", equalTo(501001));
        assertEquals(0, operations(vm));

        Vm creating = vm(6, false);
        refused(admin("PUT", "power/" + creating.id() + "/stop", null), 1042, "创建");
        Vm expired = vm(5, false);
        refused(api("PUT", "pve/power/" + expired.id() + "/start", null), 1021, "过期");
        Vm pastDate = vm(1, false);
        rows.execute("UPDATE vm SET expires_at = now() - interval '1 minute' WHERE id = ?", pastDate.id());
        refused(admin("PUT", "power/" + pastDate.id() + "/start", null), 1021, "过期");
        Vm deleted = vm(1, false);
        rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = ?", deleted.id());
        refused(admin("PUT", "power/" + deleted.id() + "/start", null), 20400, "虚拟机不存在");
        assertEquals(6, status(creating));
        assertEquals(5, status(expired));
        assertEquals(0, operations(creating) + operations(expired) + operations(pastDate) + operations(deleted));

        // a second operation on the VM while one runs
        CountDownLatch gate = new CountDownLatch(1);
        TestStepHandlers.GATES.put("power-" + vm.id(), gate);
        operations.start(NewOperation.of("E2E_HELD", vm.id(), nodeId, Map.of("gate", "power-" + vm.id()),
                "admin:admin", "E2E_HOLD"));
        try {
            refused(admin("PUT", "power/" + vm.id() + "/start", null), 1080, "正在进行");
            assertEquals(1, status(vm), "nothing written");
            assertEquals(1, operations(vm));
        } finally {
            gate.countDown();
        }
        finished(vm, "SUCCEEDED");
    }

    // ---------------------------------------------------------------------------------------- renewal, expiry

    @Test
    void renewalMovesTheDateAndStartsAVmStoppedForExpiry() {
        Vm expired = vm(5, false);
        rows.execute("UPDATE vm SET expires_at = now() - interval '1 day' WHERE id = ?", expired.id());
        long until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        ok(api("PUT", "pve/updateVmConfig/renewal", Map.of("hostId", expired.id(), "expirationTime", until)));
        assertEquals(until, rows.count("SELECT (extract(epoch FROM expires_at) * 1000)::bigint FROM vm WHERE id = ?",
                expired.id()));
        long op = finished(expired, "SUCCEEDED");
        assertEquals("VM_RENEWAL_START", rows.text("SELECT type FROM operation WHERE id = ?", op));
        assertEquals("running", sim.vmStatus(expired.vmid()));
        assertEquals(0, status(expired));

        // a running VM only gets its new date (seconds accepted, POST too)
        Vm running = vm(0, true);
        long seconds = Instant.now().plus(400, ChronoUnit.DAYS).getEpochSecond();
        ok(api("POST", "pve/updateVmConfig/renewal", Map.of("hostId", running.id(), "expirationTime", seconds)));
        assertEquals(seconds, rows.count("SELECT extract(epoch FROM expires_at)::bigint FROM vm WHERE id = ?", running.id()));
        assertEquals(0, operations(running));

        String before = rows.text("SELECT expires_at::text FROM vm WHERE id = ?", running.id());
        refused(api("PUT", "pve/updateVmConfig/renewal", Map.of("hostId", running.id(), "expirationTime",
                Instant.now().minusSeconds(60).toEpochMilli())), 4000002, "expirationTime");
        refused(api("PUT", "pve/updateVmConfig/renewal", Map.of("hostId", running.id(), "expirationTime", 583883808973L)),
                4000002, "expirationTime");
        refused(api("PUT", "pve/updateVmConfig/renewal", Map.of("hostId", running.id())), 4000002, "expirationTime");
        api("PUT", "pve/updateVmConfig/renewal", Map.of("hostId", running.id(), "expirationTime", "soon"))
                .body("code", org.hamcrest.Matchers.anyOf(equalTo(4000001), equalTo(4000002)))
                .body("message", containsString("expirationTime"));
        refused(api("PUT", "pve/updateVmConfig/renewal", Map.of("hostId", 999999999, "expirationTime", until)), 1016, "虚拟机不存在");
        refused(api("PUT", "pve/updateVmConfig/renewal", Map.of("expirationTime", until)), 1016, "虚拟机不存在");
        refused(api("PUT", "pve/updateVmConfig/renewal", null), 4000002, "body");
        Vm paused = vm(4, false);
        refused(api("PUT", "pve/updateVmConfig/renewal", Map.of("hostId", paused.id(), "expirationTime", until)), 1018, "禁用");
        assertEquals(before, rows.text("SELECT expires_at::text FROM vm WHERE id = ?", running.id()));
        assertEquals(0, operations(running) + operations(paused));
    }

    @Test
    void theExpiryJobStopsExpiredVmsAndLeavesTheOthers() {
        Vm due = vm(0, true);
        rows.execute("UPDATE vm SET expires_at = now() - interval '1 minute' WHERE id = ?", due.id());
        Vm stoppedDue = vm(1, false);
        rows.execute("UPDATE vm SET expires_at = now() - interval '1 minute' WHERE id = ?", stoppedDue.id());
        Vm current = vm(0, true);
        Vm pausedDue = vm(4, false);
        rows.execute("UPDATE vm SET expires_at = now() - interval '1 minute' WHERE id = ?", pausedDue.id());

        assertTrue(expiry.expireDue() >= 2);
        assertEquals(5, status(due), "marked expired at once");
        long op = finished(due, "SUCCEEDED");
        assertEquals("VM_EXPIRY_STOP", rows.text("SELECT type FROM operation WHERE id = ?", op));
        assertEquals("system", rows.text("SELECT requested_by FROM operation WHERE id = ?", op));
        assertEquals("stopped", sim.vmStatus(due.vmid()));
        assertTrue(sawPve(due.vmid(), "shutdown"), "a graceful shutdown, forced after the timeout");
        assertEquals(5, status(due));
        finished(stoppedDue, "SUCCEEDED");
        assertEquals(5, status(stoppedDue));

        assertEquals("running", sim.vmStatus(current.vmid()));
        assertEquals(0, status(current));
        assertEquals(0, operations(current));
        assertEquals(4, status(pausedDue));
        assertEquals(0, operations(pausedDue));

        // the next run leaves them alone, and an expired VM is not started by a panel
        expiry.expireDue();
        assertEquals(1, operations(due));
        refused(api("PUT", "pve/power/" + due.id() + "/start", null), 1021, "过期");
    }

    /** Tests set the auto-delete delay to 30 days ({@code %test.ams.vm.expiry-auto-delete-after}). */
    @Test
    void theExpiryJobDeletesVmsExpiredLongerThanTheAutoDeleteDelayAndOnlyThose() {
        Vm longExpired = vm(5, false);
        rows.execute("UPDATE vm SET expires_at = now() - interval '31 days' WHERE id = ?", longExpired.id());
        Vm recentlyExpired = vm(5, false);
        rows.execute("UPDATE vm SET expires_at = now() - interval '29 days' WHERE id = ?", recentlyExpired.id());
        Vm pastDueButRunning = vm(0, true);
        rows.execute("UPDATE vm SET expires_at = now() - interval '31 days' WHERE id = ?", pastDueButRunning.id());

        assertTrue(expiry.deleteLongExpired() >= 1);
        long op = finished(longExpired, "SUCCEEDED");
        assertEquals("DELETE_VM", rows.text("SELECT type FROM operation WHERE id = ?", op));
        assertEquals("system", rows.text("SELECT requested_by FROM operation WHERE id = ?", op));
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", longExpired.id()), "deleted");
        assertFalse(sim.vmExists(longExpired.vmid()), "and gone from PVE");

        assertEquals(0, operations(recentlyExpired), "expired for less than the delay: kept");
        assertEquals(0, rows.count("SELECT delete_state FROM vm WHERE id = ?", recentlyExpired.id()));
        assertEquals(0, operations(pastDueButRunning), "not marked expired yet: the stop comes first");
        assertEquals("running", sim.vmStatus(pastDueButRunning.vmid()));

        // a second run finds nothing more of these to delete
        expiry.deleteLongExpired();
        assertEquals(1, operations(longExpired));
        assertEquals(0, operations(recentlyExpired));
    }
}
