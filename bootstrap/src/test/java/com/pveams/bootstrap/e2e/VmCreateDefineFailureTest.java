package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.service.vm.template.ImageTemplates;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A create whose define step fails after it made a guest on PVE (issue 8 "Faults"): the step never finished, so only
 * the create's last undo ({@code VM_CREATE_HOLD}) can remove that guest, and it must before it frees the VMID; a
 * guest on the VMID that is not this VM's is never touched.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmCreateDefineFailureTest {
    private static final String NET = "10.96.1.";
    private static final String CONFIG = "/nodes/pve1/qemu/\\d+/config";

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
    @Inject
    ImageTemplates templates;
    @Inject
    StartOperation operations;

    InventoryRows rows;

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().nodes("pve1").clusterName("definefail").taskDuration(Duration.ZERO)
                .token("root@pam", "ams", "Token-Secret1").start();
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
            JsonPath key = Api.admin(root).body(Map.of("info", "define-failure")).post("/admin/insertApiKey").then()
                    .body("code", equalTo(20000)).extract().jsonPath();
            appId = key.getString("data.appid");
            appKey = key.getString("data.appkey");
            FlowSupport.pool(rows, node, NET, 20);
        }
    }

    @AfterEach
    void clearFaults() {
        sim.node("pve1").clearFaults();
    }

    private List<String> stepStatuses(long op) {
        return List.of(rows.text("SELECT string_agg(status, ',' ORDER BY ordinal) FROM operation_step"
                + " WHERE operation_id = ?", op).split(","));
    }

    @Test
    void aCloneWhoseConfigChangeFailsIsDestroyedBeforeItsVmidAndAddressAreFreed() {
        String image = InventoryRows.unique("debian") + ".qcow2";
        long imageId = FlowSupport.image(rows, sim, node, image);
        // the registry's first answer starts the template's build; the create below clones it
        assertTrue(templates.readyTemplate(imageId, node, "local-lvm").isEmpty());
        FlowSupport.await(() -> "READY".equals(rows.text("SELECT state FROM vm_template WHERE os_image_id = ?",
                imageId)), "the template is built");
        int template = (int) rows.count("SELECT vmid FROM vm_template WHERE os_image_id = ?", imageId);
        Map<String, String> templateBefore = sim.vmConfig(template);
        // would fail every try: one config change on PVE proves the failure was not retried
        sim.node("pve1").inject(Fault.failTask("unable to apply cloud-init settings: volume does not exist")
                .on("POST", CONFIG).times(5));
        String host = InventoryRows.unique("cfg");
        Map<String, Object> body = new HashMap<>();
        body.put("nodeid", node);
        body.put("os", image);
        body.put("hostname", host);

        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 120_000)))
                .header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pve/cerateVM").then().statusCode(200)
                .body("code", equalTo(1011)).body("message", containsString("unable to apply cloud-init settings"));

        long vm = rows.count("SELECT id FROM vm WHERE node_id = ? AND hostname = ?", node, host);
        int vmid = (int) rows.count("SELECT vmid FROM vm WHERE id = ?", vm);
        long op = rows.count("SELECT id FROM operation WHERE vm_id = ? AND type = 'CREATE_VM'", vm);
        assertEquals(1, sim.requestCount("POST", "/nodes/pve1/qemu/" + template + "/clone"), "the guest was cloned");
        assertEquals(1, sim.requestCount("POST", "/nodes/pve1/qemu/" + vmid + "/config"), "one change, no retry");
        assertEquals(List.of("COMPENSATED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"), stepStatuses(op));
        assertFalse(sim.vmExists(vmid), "the clone left by the failed define step is destroyed");
        assertEquals(1, sim.requestCount("DELETE", "/nodes/pve1/qemu/" + vmid), "destroyed once");
        assertTrue(sim.isTemplate(template));
        assertEquals(templateBefore, sim.vmConfig(template), "the template is left alone");
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm), "the row is marked deleted");
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE vm_id = ?", vm), "no address held");
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE vm_id = ?", vm), "the VMID is free");
    }

    /** A node logging in with an API token, at {@code host}: the define step refuses a path image there. */
    private long tokenNode(String host) {
        return rows.count("INSERT INTO node (name, host, api_port, pve_node_name, auth_mode, username, realm,"
                        + " token_id, api_secret_enc, tls_trust_mode, tls_fingerprint) VALUES (?, ?, ?, 'pve1',"
                        + " 'TOKEN', 'root', 'pam', 'ams', ?, 'PINNED', ?) RETURNING id", InventoryRows.unique("token-node"),
                host, sim.node("pve1").port(), cipher.encrypt("Token-Secret1"), sim.node("pve1").fingerprint());
    }

    /** A creating row on the node whose image is at a path, so its define step fails before PVE is asked. */
    private long[] refusedRow(long tokenNode, int vmid) {
        long image = rows.imageOnNode(tokenNode, InventoryRows.unique("path").replace('-', '_') + ".qcow2", "linux",
                "/home/images/debian-12.qcow2");
        return rows.creatingVm(tokenNode, vmid, image, "linux", "root", cipher.encrypt("Build-Pass1"),
                "local-lvm", 10, "{}", "{}", 10, 0, 0);
    }

    private long fail(long[] vm, long nodeId, int vmid) {
        long op = operations.start(ProvisioningPlan.create(vm[0], nodeId, vmid, vm[1], "test"));
        // this operation's end, not the engine's event queue, which may still hold other classes' operations
        FlowSupport.await(() -> List.of("SUCCEEDED", "FAILED").contains(
                rows.text("SELECT status FROM operation WHERE id = ?", op)), "the create ends");
        assertEquals("FAILED", rows.text("SELECT status FROM operation WHERE id = ?", op));
        return op;
    }

    @Test
    void aGuestOnTheVmidThatIsNotThisVmsIsNeverDestroyedByTheUndo() {
        long tokenNode = tokenNode("localhost");
        int vmid = 7301;
        long[] vm = refusedRow(tokenNode, vmid);
        sim.addVm("pve1", vmid, "someone-elses", 512, 1, true);
        // what another VM's unfinished clone would carry: still not this VM's
        sim.setVmConfig(vmid, "description", "pveams-vm-id=" + (vm[0] + 1000) + " cloning");

        long op = fail(vm, tokenNode, vmid);

        assertEquals(List.of("COMPENSATED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"), stepStatuses(op),
                rows.text("SELECT error FROM operation WHERE id = ?", op));
        assertEquals(1, sim.requestCount("GET", "/nodes/pve1/qemu/" + vmid + "/config"), "the undo looked");
        assertTrue(sim.vmExists(vmid), "the foreign guest stays");
        assertEquals("running", sim.vmStatus(vmid), "and is not even stopped");
        assertEquals(0, sim.requestCount("DELETE", "/nodes/pve1/qemu/" + vmid));
        assertEquals(0, sim.requestCount("POST", "/nodes/pve1/qemu/" + vmid + "/status/stop"));
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm[0]));
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE id = ?", vm[1]), "the VMID is free");
    }

    @Test
    void whileTheNodeCannotBeReachedTheUndoKeepsTheVmidHeld() {
        // nothing listens there: whether a guest of this VM is on the VMID cannot be known
        long tokenNode = tokenNode("127.0.0.2");
        int vmid = 7302;
        long[] vm = refusedRow(tokenNode, vmid);

        long op = fail(vm, tokenNode, vmid);

        assertEquals(List.of("FAILED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"), stepStatuses(op));
        assertEquals(5, rows.count("SELECT undo_attempts FROM operation_step WHERE operation_id = ? AND kind = ?", op,
                ProvisioningPlan.HOLD), "retried until its attempts ran out");
        assertTrue(rows.text("SELECT error FROM operation WHERE id = ?", op).contains("UNREACHABLE"));
        assertEquals(1, rows.count("SELECT count(*) FROM vmid_reservation WHERE id = ? AND vm_id = ?", vm[1], vm[0]),
                "the VMID stays held");
        assertEquals(0, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm[0]), "the row is left for an operator");
    }
}
