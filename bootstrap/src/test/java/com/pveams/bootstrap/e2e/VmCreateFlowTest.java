package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.service.vm.template.ImageTemplates;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
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
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole create flow through the REST endpoints against the PVE simulator (every request checked against PVE's
 * schema) and the embedded database: the public {@code cerateVM} answering the running VM, on the import path and on
 * the clone path (a ready template), the admin {@code createVm}, a permanent failure giving everything back, a PVE
 * 500 retried, reinstall and delete after a create.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmCreateFlowTest {
    private static final long GIB = 1L << 30;
    private static final String NET = "10.91.1.";

    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1")
            .clusterName("flow").taskDuration(Duration.ZERO));
    static PveSimulator sim;
    static long node;
    static long pool;
    static InventoryRows cleanup;
    static String appId;
    static String appKey;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    ImageTemplates templates;

    String root;
    InventoryRows rows;
    String image;
    long imageId;

    @BeforeAll
    static void start() {
        sim = pve.sim();
        // room for every disk the tests make
        sim.node("pve1").addStorage("local-lvm", "lvmthin", List.of("images", "rootdir"), 1L << 50);
    }

    @AfterAll
    static void stop() {
        if (cleanup != null) {
            FlowSupport.retire(cleanup, node);
        }
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        cleanup = rows;
        if (node == 0) {
            node = pve.node("pve1");
            appId = pve.apiKey("vm-flow").appId();
            appKey = pve.apiKey("vm-flow").appKey();
            pool = FlowSupport.pool(rows, node, NET, 200);
        }
        image = InventoryRows.unique("debian") + ".qcow2";
        imageId = FlowSupport.image(rows, sim, node, image);
    }

    @AfterEach
    void clearFaults() {
        sim.node("pve1").clearFaults();
    }

    private ValidatableResponse publicCreate(Map<String, Object> body) {
        // the client waits longer than the service's create wait: a slow machine gets the VM answered creating
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 120_000)))
                .header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pve/cerateVM").then().statusCode(200);
    }

    private Map<String, Object> body() {
        Map<String, Object> b = new HashMap<>();
        b.put("nodeid", node);
        b.put("os", image);
        return b;
    }

    /** The settings a panel sends for a mid-size Linux VM. */
    private Map<String, Object> fullBody(String host) {
        Map<String, Object> b = body();
        b.put("hostname", host);
        b.put("sockets", 1);
        b.put("cores", 2);
        b.put("memory", 2048);
        b.put("cpu", "host");
        b.put("bandwidth", 100);
        b.put("systemDiskSize", 20);
        b.put("dataDisk", Map.of("1", 10));
        b.put("mbpsRd", 100);
        b.put("iopsWr", 500);
        b.put("onBoot", 1);
        return b;
    }

    private boolean free(String ip) {
        return rows.count("SELECT count(*) FROM ip_address WHERE address = CAST(? AS inet) AND status = 0"
                + " AND vm_id IS NULL", ip) == 1;
    }

    private Map<String, Object> operation(long id) {
        return Api.admin(root).get("/admin/getOperation/" + id).then().body("code", equalTo(20000)).extract()
                .jsonPath().getMap("data");
    }

    private long operationOf(long vm) {
        return rows.count("SELECT id FROM operation WHERE vm_id = ? AND type = 'CREATE_VM'", vm);
    }

    private String defineOutput(long op, String key) {
        return rows.text("SELECT output ->> ? FROM operation_step WHERE operation_id = ? AND kind = ?", key, op,
                ProvisioningPlan.DEFINE);
    }

    /** The answer is the running VM in the contract's shape, and PVE runs it configured as asked. */
    private JsonPath assertRunningAsAsked(JsonPath a, String host) {
        long id = a.getLong("data.hostid");
        int vmid = a.getInt("data.vmid");
        assertEquals(host, a.getString("data.hostname"));
        String ip = a.getString("data.ipList[0]");
        assertTrue(ip.startsWith(NET), ip);
        assertEquals("ip=" + ip + "/24,gw=" + NET + "1", a.getString("data.ipConfig.1"));
        assertEquals(id, rows.count("SELECT vm_id FROM ip_address WHERE address = CAST(? AS inet)", ip));
        assertEquals("9.9.9.9", a.getString("data.dns1"));
        assertEquals("local-lvm", a.getString("data.storage"));
        assertEquals("vmbr0", a.getString("data.bridge"));
        assertTrue(a.getString("data.password").length() >= 12);
        assertTrue(a.get("data.ipData") != null, "ipData present");
        // answered running, or creating when the wait ran out on a slow machine (the build goes on)
        assertTrue(a.getInt("data.status") == 0 || a.getInt("data.status") == 6, a.prettify());
        long op = operationOf(id);
        FlowSupport.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)),
                "the create ends");
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", id), "the row is running");

        assertEquals("running", sim.vmStatus(vmid));
        Map<String, String> c = sim.vmConfig(vmid);
        assertEquals("host", c.get("cpu"));
        assertEquals("1", c.get("sockets"));
        assertEquals("2", c.get("cores"));
        assertEquals("2048", c.get("memory"));
        assertEquals(host, c.get("name"));
        assertTrue(c.get("net0").startsWith("virtio=") && c.get("net0").contains("bridge=vmbr0")
                && c.get("net0").contains("firewall=1") && c.get("net0").contains("rate=12.5"), c.get("net0"));
        assertEquals("ip=" + ip + "/24,gw=" + NET + "1", c.get("ipconfig0"));
        assertEquals("root", c.get("ciuser"));
        assertEquals("9.9.9.9", c.get("nameserver"));
        assertEquals("nocloud", c.get("citype"));
        assertTrue(c.get("scsi0").startsWith("local-lvm:") && c.get("scsi0").contains("size=20G")
                && c.get("scsi0").contains("mbps_rd=100") && c.get("scsi0").contains("iops_wr=500"), c.get("scsi0"));
        assertTrue(c.get("scsi1").startsWith("local-lvm:vm-" + vmid + "-disk-") && c.get("scsi1").contains("size=10G"),
                c.get("scsi1"));
        assertTrue(c.keySet().stream().filter(k -> k.matches("(ide|scsi|sata)\\d+"))
                .filter(k -> c.get(k).contains("cloudinit")).count() == 1, "one cloud-init drive: " + c);
        assertEquals("order=scsi0", c.get("boot"));
        assertEquals("1", c.get("onboot"));
        return a;
    }

    @Test
    void aPublicCreateAnswersTheRunningVmImportedFromItsImage() {
        String host = InventoryRows.unique("imp");
        JsonPath a = publicCreate(fullBody(host)).body("code", equalTo(20000)).extract().jsonPath();
        assertRunningAsAsked(a, host);
        int vmid = a.getInt("data.vmid");
        assertEquals("pveams-vm-id=" + a.getLong("data.hostid"), sim.vmConfig(vmid).get("description"));
        long op = operationOf(a.getLong("data.hostid"));
        assertEquals("import", defineOutput(op, "path"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) operation(op).get("steps");
        assertEquals("import", ((Map<?, ?>) steps.get(1).get("output")).get("path"), "getOperation shows the path");
        assertEquals("SUCCEEDED", operation(op).get("status"));
    }

    @Test
    void withAReadyTemplateTheCreateClonesItAndTheTemplateIsLeftAlone() {
        // the registry's first answer is "import", and it starts the template build
        assertTrue(templates.readyTemplate(imageId, node, "local-lvm").isEmpty());
        FlowSupport.await(() -> "READY".equals(rows.text("SELECT state FROM vm_template WHERE os_image_id = ?",
                imageId)), "the template is built");
        int template = (int) rows.count("SELECT vmid FROM vm_template WHERE os_image_id = ?", imageId);
        Map<String, String> templateBefore = sim.vmConfig(template);
        int imports = sim.requestCount("POST", "/nodes/pve1/qemu");
        int clones = sim.requestCount("POST", "/nodes/pve1/qemu/" + template + "/clone");

        String host = InventoryRows.unique("cln");
        JsonPath a = publicCreate(fullBody(host)).body("code", equalTo(20000)).extract().jsonPath();

        assertRunningAsAsked(a, host);
        int vmid = a.getInt("data.vmid");
        long op = operationOf(a.getLong("data.hostid"));
        assertEquals("clone", defineOutput(op, "path"));
        assertEquals(clones + 1, sim.requestCount("POST", "/nodes/pve1/qemu/" + template + "/clone"));
        assertEquals(imports, sim.requestCount("POST", "/nodes/pve1/qemu"), "nothing imported");
        // a linked clone on the template's base volume (local-lvm is thin)
        assertTrue(sim.vmConfig(vmid).get("scsi0").startsWith("local-lvm:base-" + template + "-disk-0/vm-" + vmid),
                sim.vmConfig(vmid).get("scsi0"));
        assertEquals("pveams-vm-id=" + a.getLong("data.hostid") + " cloned", sim.vmConfig(vmid).get("description"));

        // a delete destroys the clone and releases the address; the template stays as it was
        Api.admin(root).put("/admin/delete/" + a.getLong("data.hostid")).then().body("code", equalTo(20000));
        FlowSupport.await(() -> !sim.vmExists(vmid), "the clone is destroyed");
        FlowSupport.await(() -> free(a.getString("data.ipList[0]")), "the address is free again");
        assertTrue(sim.isTemplate(template));
        assertEquals(templateBefore, sim.vmConfig(template));
    }

    @Test
    void theAdminCreateAnswersAtOnceAndTheVmBecomesRunning() {
        String host = InventoryRows.unique("adm");
        JsonPath a = Api.admin(root).contentType(ContentType.JSON).body(fullBody(host)).post("/admin/createVm").then()
                .statusCode(200).body("code", equalTo(20000)).extract().jsonPath();
        long id = a.getLong("data.hostid");
        long op = a.getLong("data.operationId");
        FlowSupport.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)),
                "the build ends");
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", id));
        assertEquals("running", sim.vmStatus(a.getInt("data.vmid")));
        assertEquals(host, sim.vmConfig(a.getInt("data.vmid")).get("name"));
    }

    @Test
    void aStorageMissingOnPveFailsTheCreateWith1011AndGivesEverythingBack() {
        Map<String, Object> b = body();
        b.put("storage", "gone-storage");
        JsonPath a = publicCreate(b).body("code", equalTo(1011)).body("message", containsString("gone-storage"))
                .extract().jsonPath();
        assertEquals(null, (Object) a.get("data.vmid"));
        long vm = rows.count("SELECT id FROM vm WHERE node_id = ? AND storage = 'gone-storage'", node);
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm), "the row is marked deleted");
        int vmid = (int) rows.count("SELECT vmid FROM vm WHERE id = ?", vm);
        assertFalse(sim.vmExists(vmid), "nothing left on PVE");
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE vm_id = ?", vm), "no address held");
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE vm_id = ?", vm), "the VMID is free");
        assertEquals("FAILED", rows.text("SELECT status FROM operation WHERE vm_id = ?", vm));
    }

    @Test
    void aPve500OnAStepIsRetriedAndTheCreateSucceeds() {
        sim.node("pve1").inject(Fault.internalError().on("POST", "/nodes/pve1/qemu/\\d+/status/start").times(1));
        String host = InventoryRows.unique("err");
        JsonPath a = publicCreate(fullBody(host)).body("code", equalTo(20000)).extract().jsonPath();
        assertRunningAsAsked(a, host);
        long op = operationOf(a.getLong("data.hostid"));
        assertEquals(2, rows.count("SELECT attempts FROM operation_step WHERE operation_id = ? AND kind = ?", op,
                ProvisioningPlan.START), "the start was tried again");
    }

    @Test
    void aCreatedVmIsReinstalledAndDeletedReleasingItsAddress() {
        String host = InventoryRows.unique("rin");
        JsonPath a = publicCreate(fullBody(host)).body("code", equalTo(20000)).extract().jsonPath();
        long id = a.getLong("data.hostid");
        int vmid = a.getInt("data.vmid");

        Map<String, Object> r = new HashMap<>();
        r.put("hostId", id);
        r.put("os", image);
        r.put("newPassword", "Reinstall-Pass1");
        long op = Api.admin(root).contentType(ContentType.JSON).body(r).put("/admin/reinstall").then().statusCode(200)
                .body("code", equalTo(20000)).extract().jsonPath().getLong("data.operationId");
        FlowSupport.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)),
                "the reinstall ends");
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", id));
        assertEquals("running", sim.vmStatus(vmid));
        Map<String, String> c = sim.vmConfig(vmid);
        assertEquals(a.getString("data.ipConfig.1"), c.get("ipconfig0"), "addresses kept");
        assertTrue(c.get("scsi0").contains("size=20G"), c.get("scsi0"));

        given().header("Authorization", Api.basic(appId, appKey)).delete("/api/v1/pve/delete/" + id).then()
                .body("code", equalTo(20000));
        FlowSupport.await(() -> rows.count("SELECT delete_state FROM vm WHERE id = ?", id) == 2, "deleted");
        assertFalse(sim.vmExists(vmid));
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE vm_id = ?", id));
        assertTrue(free(a.getString("data.ipList[0]")), "the address is free again");
    }

    /** Small helpers the flow tests share. */
    static final class FlowSupport {
        private FlowSupport() {
        }

        /** A pool of {@code addresses} IPv4 addresses from {@code prefix}10, gateway {@code prefix}1, DNS 9.9.9.9. */
        static long pool(InventoryRows rows, long nodeId, String prefix, int addresses) {
            long id = rows.count("INSERT INTO ip_pool (node_id, name, prefix_length, gateway, dns1)"
                            + " VALUES (?, ?, 24, CAST(? AS inet), CAST('9.9.9.9' AS inet)) RETURNING id",
                    nodeId, InventoryRows.unique("pool"), prefix + "1");
            rows.execute("INSERT INTO ip_address (pool_id, node_id, ip_version, address)"
                            + " SELECT ?, ?, 4, CAST(? AS inet) + g FROM generate_series(0, ?) g", id, nodeId,
                    prefix + "10", addresses - 1);
            return id;
        }

        /** A 1 GiB Linux image downloaded to the node's import storage. */
        static long image(InventoryRows rows, PveSimulator sim, long nodeId, String fileName) {
            sim.node("pve1").addVolume("local", "local:import/" + fileName, "import", GIB);
            long id = rows.count("INSERT INTO os_image (name, file_name, type, arch, os_type, size_bytes, url)"
                    + " VALUES (?, ?, 'linux', 'x86_64', 'debian', ?, 'https://images.example.org/x.qcow2')"
                    + " RETURNING id", fileName.replace(".qcow2", "") + " name", fileName, GIB);
            rows.execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location)"
                    + " VALUES (?, ?, 2, 100, 'PVE', ?)", id, nodeId, "local:import/" + fileName);
            return id;
        }

        /**
         * Gives back what the node's VMs hold, marks them deleted and the node disabled, so later test classes on the
         * same database (which look VMs up by row id or VMID, or visit every node) do not meet them once their
         * simulator is gone.
         */
        static void retire(InventoryRows rows, long nodeId) {
            rows.execute("UPDATE ip_address SET status = 0, vm_id = NULL, vm_delete_state = NULL, mac = NULL"
                    + " WHERE vm_id IN (SELECT id FROM vm WHERE node_id = ?)", nodeId);
            rows.execute("DELETE FROM vmid_reservation WHERE vm_id IN (SELECT id FROM vm WHERE node_id = ?)", nodeId);
            rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now(), status = 1 WHERE node_id = ?"
                    + " AND delete_state <> 2", nodeId);
            // disabled: jobs that visit every node (reconciliation) do not wait for a simulator that is gone
            rows.execute("UPDATE node SET status = 2 WHERE id = ?", nodeId);
        }

        /** Waits for a condition; the bound only stops a broken run from hanging. */
        static void await(BooleanSupplier condition, String what) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting: " + what);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }
}
