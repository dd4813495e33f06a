package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.e2e.VmCreateFlowTest.FlowSupport;
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
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every address a Linux VM holds reaches its guest: a create with two IPv4 addresses and one IPv6 ends with the
 * cloud-init network snippet on the node (written over SSH to the emulated node's {@code local} snippets directory)
 * and {@code cicustom} in the VM's PVE config; a single-address VM gets neither; delete removes the snippet.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmMultiIpTest {
    private static final String NET = "10.93.1.";
    private static final String SNIPPETS = "/var/lib/vz/snippets";

    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1", "pve2")
            .clusterName("multiip").taskDuration(Duration.ZERO));
    static PveSimulator sim;
    static NodeEmulator ssh;
    @TempDir
    static Path nodeFs;
    static long node;
    /** pve2: no SSH login. */
    static long plainNode;
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
    String root;
    String image;

    @BeforeAll
    static void start() throws Exception {
        sim = pve.sim();
        sim.node("pve1").addStorage("local-lvm", "lvmthin", List.of("images", "rootdir"), 1L << 50);
        sim.node("pve2").addStorage("local-lvm", "lvmthin", List.of("images", "rootdir"), 1L << 50);
        ssh = NodeEmulator.builder(nodeFs).start();
        Files.createDirectories(ssh.path(SNIPPETS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cleanup != null) {
            FlowSupport.retire(cleanup, node);
            FlowSupport.retire(cleanup, plainNode);
        }
        if (ssh != null) {
            ssh.close();
        }
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        cleanup = rows;
        if (node == 0) {
            node = pve.node("pve1");
            // the node's SSH login: the emulator, its host key pinned
            rows.execute("UPDATE node SET ssh_host = '127.0.0.1', ssh_port = ?, ssh_username = ?,"
                            + " ssh_auth_mode = 'PASSWORD', ssh_secret_enc = ?, ssh_host_key_fingerprint = ? WHERE id = ?",
                    ssh.port(), NodeEmulator.USER, cipher.encrypt(NodeEmulator.PASSWORD), ssh.hostKeyFingerprint(), node);
            appId = pve.apiKey("vm-multiip").appId();
            appKey = pve.apiKey("vm-multiip").appKey();
            FlowSupport.pool(rows, node, NET, 50);
            rows.execute("INSERT INTO ip_pool (node_id, name, ip_version, prefix_length, gateway, dns1)"
                    + " VALUES (?, ?, 6, 64, CAST('2001:db8:93::1' AS inet), NULL)", node, InventoryRows.unique("v6"));
            plainNode = pve.node("pve2");
            FlowSupport.pool(rows, plainNode, "10.93.2.", 20);
        }
        image = InventoryRows.unique("debian") + ".qcow2";
        FlowSupport.image(rows, sim, node, image);
    }

    private JsonPath create(String host, int ipv4, int ipv6) {
        return create(node, image, host, ipv4, ipv6);
    }

    private JsonPath create(long nodeId, String os, String host, int ipv4, int ipv6) {
        Map<String, Object> b = new HashMap<>();
        b.put("nodeid", nodeId);
        b.put("os", os);
        b.put("hostname", host);
        b.put("ipv4num", ipv4);
        b.put("ipv6num", ipv6);
        JsonPath a = given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 120_000)))
                .header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON).body(b)
                .post("/api/v1/pve/cerateVM").then().statusCode(200).body("code", equalTo(20000))
                .extract().jsonPath();
        long id = a.getLong("data.hostid");
        long op = rows.count("SELECT id FROM operation WHERE vm_id = ? AND type = 'CREATE_VM'", id);
        FlowSupport.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)),
                "the create ends");
        return a;
    }

    private String networkStep(long vm, String key) {
        return rows.text("SELECT s.output ->> ? FROM operation_step s JOIN operation o ON o.id = s.operation_id"
                + " WHERE o.vm_id = ? AND o.type = 'CREATE_VM' AND s.kind = ?", key, vm, ProvisioningPlan.NETWORK);
    }

    private List<String> held(long vm) {
        String all = rows.text("SELECT string_agg(host(address) || '/' || (SELECT prefix_length FROM ip_pool p"
                + " WHERE p.id = a.pool_id), ',' ORDER BY ip_version, address) FROM ip_address a WHERE vm_id = ?", vm);
        return all == null ? List.of() : List.of(all.split(","));
    }

    private void delete(long id) {
        given().header("Authorization", Api.basic(appId, appKey)).delete("/api/v1/pve/delete/" + id).then()
                .body("code", equalTo(20000));
        FlowSupport.await(() -> rows.count("SELECT delete_state FROM vm WHERE id = ?", id) == 2, "deleted");
    }

    @Test
    void twoIpv4AndOneIpv6ReachTheGuestThroughTheSnippetWhichDeleteRemoves() throws Exception {
        JsonPath a = create(InventoryRows.unique("multi"), 2, 1);
        long id = a.getLong("data.hostid");
        int vmid = a.getInt("data.vmid");
        List<String> addresses = held(id);
        assertEquals(3, addresses.size(), addresses.toString());

        Map<String, String> c = sim.vmConfig(vmid);
        String file = "ams-vm-" + vmid + "-network.yaml";
        assertEquals("network=local:snippets/" + file, c.get("cicustom"));
        assertEquals(a.getString("data.ipConfig.1"), c.get("ipconfig0"), "ipconfig0 is the first slot, unchanged");
        assertEquals("running", sim.vmStatus(vmid));

        Path snippet = ssh.path(SNIPPETS + "/" + file);
        String yaml = Files.readString(snippet);
        String mac = c.get("net0").split(",")[0].split("=")[1].toLowerCase(Locale.ROOT);
        assertTrue(yaml.contains("macaddress: \"" + mac + "\""), yaml);
        for (String address : addresses) {
            assertTrue(yaml.contains("- \"" + address + "\""), address + " in\n" + yaml);
        }
        assertTrue(yaml.contains("via: \"" + NET + "1\""), yaml);
        assertTrue(yaml.contains("via: \"2001:db8:93::1\""), yaml);
        assertTrue(yaml.contains("- \"9.9.9.9\""), "the pool's DNS\n" + yaml);
        assertEquals("local:snippets/" + file, networkStep(id, "snippet"));
        assertEquals("3", networkStep(id, "addresses"));
        List<String> tee = new ArrayList<>(ssh.commands("tee").get(ssh.commands("tee").size() - 1).command());
        assertEquals(List.of("tee", "--", SNIPPETS + "/." + file + ".part"), tee, "written inside the snippets directory");

        // a reinstall writes it again (here: after it went missing on the node)
        Files.delete(snippet);
        long op = Api.admin(root).contentType(ContentType.JSON)
                .body(Map.of("hostId", id, "os", image, "newPassword", "Reinstall-Pass1")).put("/admin/reinstall")
                .then().statusCode(200).body("code", equalTo(20000)).extract().jsonPath().getLong("data.operationId");
        FlowSupport.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)),
                "the reinstall ends");
        assertEquals(yaml, Files.readString(snippet), "the same file again: the VM kept its NIC and addresses");
        assertEquals("network=local:snippets/" + file, sim.vmConfig(vmid).get("cicustom"));

        delete(id);
        assertFalse(sim.vmExists(vmid));
        assertFalse(Files.exists(snippet), "the snippet goes with the VM");
    }

    @Test
    void aNodeWithoutSshGivesThePrimaryAddressOnlyAndSaysWhy() {
        String os = InventoryRows.unique("debian") + ".qcow2";
        sim.node("pve2").addVolume("local", "local:import/" + os, "import", 1L << 30);
        long imageId = rows.count("INSERT INTO os_image (name, file_name, type, arch, os_type, size_bytes, url)"
                + " VALUES (?, ?, 'linux', 'x86_64', 'debian', ?, 'https://images.example.org/x.qcow2') RETURNING id",
                os.replace(".qcow2", "") + " name", os, 1L << 30);
        rows.execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location)"
                + " VALUES (?, ?, 2, 100, 'PVE', ?)", imageId, plainNode, "local:import/" + os);

        JsonPath a = create(plainNode, os, InventoryRows.unique("plain"), 2, 0);
        long id = a.getLong("data.hostid");
        int vmid = a.getInt("data.vmid");

        assertEquals(2, held(id).size(), "both addresses stay held");
        assertEquals("running", sim.vmStatus(vmid), "the create did not fail");
        assertNull(sim.vmConfig(vmid).get("cicustom"));
        assertEquals(a.getString("data.ipConfig.1"), sim.vmConfig(vmid).get("ipconfig0"));
        assertEquals("skipped", networkStep(id, "snippet"));
        assertTrue(networkStep(id, "reason").contains("SSH"), networkStep(id, "reason"));
        assertFalse(Files.exists(ssh.path(SNIPPETS + "/ams-vm-" + vmid + "-network.yaml")));
        delete(id);
    }

    @Test
    void aSingleAddressVmGetsNoSnippetAndNoCicustom() {
        JsonPath a = create(InventoryRows.unique("single"), 1, 0);
        long id = a.getLong("data.hostid");
        int vmid = a.getInt("data.vmid");

        Map<String, String> c = sim.vmConfig(vmid);
        assertNull(c.get("cicustom"));
        assertEquals(a.getString("data.ipConfig.1"), c.get("ipconfig0"));
        assertFalse(Files.exists(ssh.path(SNIPPETS + "/ams-vm-" + vmid + "-network.yaml")));
        assertEquals("none", networkStep(id, "snippet"));
        delete(id);
    }
}
