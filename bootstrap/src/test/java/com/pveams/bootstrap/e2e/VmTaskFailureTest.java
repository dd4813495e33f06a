package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.e2e.VmCreateFlowTest.FlowSupport;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.domain.vm.build.ProvisioningPlan;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a PVE task that ends with an error does to a create, against the simulator (its {@code FAIL_TASK} fault): an
 * error such as "no space left" fails the create at once (no retry of the failing call) and gives everything back;
 * lock contention is tried again and the create succeeds. Also the {@code arch} the create sends PVE.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmTaskFailureTest {
    private static final String NET = "10.93.1.";
    private static final String RESIZE = "/nodes/pve1/qemu/\\d+/resize";

    static PveSimulator sim;
    static long node;
    static InventoryRows cleanup;
    static String appId;
    static String appKey;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;

    InventoryRows rows;
    String image;

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().nodes("pve1").clusterName("taskfail").taskDuration(Duration.ZERO).start();
        sim.node("pve1").addStorage("local-lvm", "lvmthin", List.of("images", "rootdir"), 1L << 50);
    }

    @AfterAll
    static void stop() {
        if (cleanup != null) {
            FlowSupport.retire(cleanup, node);
        }
        if (sim != null) {
            List<String> violations = sim.schemaViolations();
            sim.close();
            assertEquals(List.of(), violations, "every request sent to PVE must be valid against its schema");
        }
    }

    @BeforeEach
    void setUp() {
        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        cleanup = rows;
        if (node == 0) {
            node = rows.pveNode(null, sim.node("pve1").port(), "pve1", cipher.encrypt(PveSimulator.ROOT_PASSWORD),
                    sim.node("pve1").fingerprint());
            JsonPath key = Api.admin(root).body(Map.of("info", "task-failure")).post("/admin/insertApiKey").then()
                    .body("code", equalTo(20000)).extract().jsonPath();
            appId = key.getString("data.appid");
            appKey = key.getString("data.appkey");
            FlowSupport.pool(rows, node, NET, 50);
        }
        image = InventoryRows.unique("debian") + ".qcow2";
        FlowSupport.image(rows, sim, node, image);
    }

    @AfterEach
    void clearFaults() {
        sim.node("pve1").clearFaults();
    }

    private ValidatableResponse publicCreate(Map<String, Object> body) {
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 120_000)))
                .header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pve/cerateVM").then().statusCode(200);
    }

    /** A VM whose 1 GiB image is grown to 20 GiB by the disks step (a PVE resize task). */
    private Map<String, Object> body(String host) {
        Map<String, Object> b = new HashMap<>();
        b.put("nodeid", node);
        b.put("os", image);
        b.put("hostname", host);
        b.put("systemDiskSize", 20);
        return b;
    }

    private long vmOf(String host) {
        return rows.count("SELECT id FROM vm WHERE node_id = ? AND hostname = ?", node, host);
    }

    private long diskStepAttempts(long vm) {
        return rows.count("SELECT s.attempts FROM operation_step s JOIN operation o ON o.id = s.operation_id"
                + " WHERE o.vm_id = ? AND o.type = 'CREATE_VM' AND s.kind = ?", vm, ProvisioningPlan.DISKS);
    }

    @Test
    void aResizeTaskEndingInAnErrorFailsTheCreateAtOnceAndGivesEverythingBack() {
        // would fail every try: one call to PVE proves the error was not retried
        sim.node("pve1").inject(Fault.failTask("no space left on device").on("PUT", RESIZE).times(5));
        String host = InventoryRows.unique("full");

        publicCreate(body(host)).body("code", equalTo(1011)).body("message",
                containsString("no space left on device"));

        long vm = vmOf(host);
        int vmid = (int) rows.count("SELECT vmid FROM vm WHERE id = ?", vm);
        assertEquals(1, sim.requestCount("PUT", "/nodes/pve1/qemu/" + vmid + "/resize"), "one resize, no retry");
        assertEquals(1, diskStepAttempts(vm));
        assertEquals("FAILED", rows.text("SELECT status FROM operation WHERE vm_id = ? AND type = 'CREATE_VM'", vm));
        assertTrue(rows.text("SELECT error FROM operation WHERE vm_id = ? AND type = 'CREATE_VM'", vm)
                .contains("no space left on device"), "the task's error is the reason");
        assertFalse(sim.vmExists(vmid), "the half-built guest is removed from PVE");
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm), "the row is marked deleted");
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE vm_id = ?", vm), "no address held");
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE vm_id = ?", vm), "the VMID is free");
    }

    @Test
    void aResizeTaskThatCouldNotTakeTheConfigLockIsTriedAgainAndTheCreateSucceeds() {
        sim.node("pve1").inject(Fault.failTask("can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout")
                .on("PUT", RESIZE).times(1));
        String host = InventoryRows.unique("lock");

        JsonPath a = publicCreate(body(host)).body("code", equalTo(20000)).extract().jsonPath();

        long vm = a.getLong("data.hostid");
        int vmid = a.getInt("data.vmid");
        FlowSupport.await(() -> "SUCCEEDED".equals(rows.text(
                "SELECT status FROM operation WHERE vm_id = ? AND type = 'CREATE_VM'", vm)), "the create ends");
        assertEquals(2, sim.requestCount("PUT", "/nodes/pve1/qemu/" + vmid + "/resize"), "the resize was sent again");
        assertEquals(2, diskStepAttempts(vm));
        assertTrue(sim.vmConfig(vmid).get("scsi0").contains("size=20G"), sim.vmConfig(vmid).get("scsi0"));
        assertEquals("running", sim.vmStatus(vmid));
    }

    @Test
    void anAarch64VmIsCreatedWithPvesArchAndAnX8664OneLeavesItToTheNode() {
        Map<String, Object> arm = body(InventoryRows.unique("arm"));
        arm.put("arch", "arrch64"); // the contract's spelling
        arm.put("cpu", "host");
        JsonPath a = publicCreate(arm).body("code", equalTo(20000)).extract().jsonPath();
        assertEquals("aarch64", sim.vmConfig(a.getInt("data.vmid")).get("arch"));

        JsonPath x86 = publicCreate(body(InventoryRows.unique("x86"))).body("code", equalTo(20000)).extract()
                .jsonPath();
        assertNull(sim.vmConfig(x86.getInt("data.vmid")).get("arch"), "x86_64 is PVE's default; root not needed");
    }
}
