package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.in.node.NodeMonitorUseCase;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.bootstrap.wiring.NodeMonitorJob;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 节点池管理 end to end: the service against the PVE simulator (a cluster "prod", a stand-alone node and a cluster
 * for the monitor), SSH node emulators and the embedded database.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class NodesTest {
    private static final String MASK = "**********";
    private static final String TOKEN_SECRET = "5f2b1c9e-0d1a-4d57-9f55-3a8f3c1e2b77";
    private static final String INTERFACES = "auto lo\niface lo inet loopback\n\nauto vmbr0\niface vmbr0 inet static\n";
    @RegisterExtension
    static final SimulatedPve prodPve = new SimulatedPve(PveSimulator.builder()
            .nodes("pve1", "pve2", "pve3", "pve4", "pve5", "pve6", "pve7", "pve8").clusterName("prod")
            .token("root@pam", "ams", TOKEN_SECRET));
    @RegisterExtension
    static final SimulatedPve soloPve = new SimulatedPve(PveSimulator.builder().nodes("solo")
            .token("root@pam", "ams", TOKEN_SECRET));
    @RegisterExtension
    static final SimulatedPve monPve = new SimulatedPve(PveSimulator.builder().nodes("m1", "m2", "m3")
            .clusterName("mon"));
    static PveSimulator prod;
    static PveSimulator solo;
    static PveSimulator mon;
    static NodeEmulator ssh;
    static NodeEmulator sshMon;
    @TempDir
    static Path fs;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    NodeMonitorJob monitor;
    @Inject
    NodeConnections connections;
    String root;

    @BeforeAll
    static void start() {
        prod = prodPve.sim();
        solo = soloPve.sim();
        mon = monPve.sim();
        ssh = NodeEmulator.builder(fs.resolve("ssh")).start();
        ssh.writeFile("/etc/network/interfaces", INTERFACES.getBytes(StandardCharsets.UTF_8));
        sshMon = NodeEmulator.builder(fs.resolve("ssh-mon")).start();
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        if (sshMon != null) {
            sshMon.close();
        }
    }

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, Object> form(String name, SimNode pve, NodeEmulator shell) {
        Map<String, Object> f = new HashMap<>();
        f.put("name", name);
        f.put("host", "127.0.0.1");
        f.put("port", pve.port());
        f.put("username", "root");
        f.put("password", PveSimulator.ROOT_PASSWORD);
        f.put("sshPort", String.valueOf(shell.port())); // the contract types sshPort as a string
        f.put("sshUsername", NodeEmulator.USER);
        f.put("sshPassword", NodeEmulator.PASSWORD);
        f.put("status", "0");
        return f;
    }

    private ValidatableResponse post(String path, Object body) {
        return Api.admin(root).body(body).post("/admin/" + path).then().statusCode(200);
    }

    private long register(Map<String, Object> form) {
        post("insertNodeMaster", form).body("code", equalTo(20000)).body("data", equalTo("添加成功！"));
        return idOf((String) form.get("name"));
    }

    private long idOf(String name) {
        return count("SELECT id FROM node WHERE name = ?", name);
    }

    private JsonPath record(long id) {
        JsonPath page = Api.admin(root).get("/admin/selectNodeByPage?page=1&size=500").then().statusCode(200)
                .body("code", equalTo(20000)).extract().jsonPath();
        Map<String, Object> r = page.getMap("data.records.find { it.id == " + id + " }");
        assertNotNull(r, "node " + id + " is listed");
        return new JsonPath(toJson(r));
    }

    private static String toJson(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement st = prepare(c, sql, params)) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void registersWithAPasswordDetectingNodeNameAndClusterAndListsItMasked() {
        long before = count("SELECT count(*) FROM node");
        long id = register(form("node-pwd", prod.node("pve1"), ssh));
        JsonPath r = record(id);
        assertEquals("node-pwd", r.getString("name"));
        assertEquals("127.0.0.1", r.getString("host"));
        assertEquals(prod.node("pve1").port(), r.getInt("port"));
        assertEquals("pve1", r.getString("nodeName"), "detected: the node that answered");
        assertEquals("root", r.getString("username"));
        assertEquals("pam", r.getString("realm"));
        assertEquals(MASK, r.getString("password"));
        assertEquals(MASK, r.getString("sshPassword"));
        assertEquals(MASK, r.getString("ticket"));
        assertEquals(MASK, r.getString("csrfToken"));
        assertEquals(ssh.port(), r.getInt("sshPort"));
        assertEquals("root", r.getString("sshUsername"));
        assertEquals(0, r.getInt("status"));
        assertEquals(0, r.getInt("controllerStatus"));
        assertEquals(0, r.getInt("naton"));
        assertEquals(0, r.getInt("natippool"));
        assertNull(r.get("area"));
        assertEquals("prod", r.getString("cluster"));
        assertEquals("PINNED", r.getString("tlsTrust"));
        assertEquals(prod.node("pve1").fingerprint(), r.getString("tlsFingerprint"));
        assertEquals(ssh.hostKeyFingerprint(), r.getString("sshHostKey"));
        assertEquals(before + 1, count("SELECT count(*) FROM node"));
        Api.admin(root).get("/admin/getNodeCount").then().statusCode(200).body("code", equalTo(20000))
                .body("data", equalTo((int) count("SELECT count(*) FROM node")));

        // secrets at rest are ciphertext, never the plaintext, and the service can still use them
        byte[] api = bytes("SELECT api_secret_enc FROM node WHERE id = ?", id);
        byte[] sshSecret = bytes("SELECT ssh_secret_enc FROM node WHERE id = ?", id);
        assertTrue(api.length >= 28 && sshSecret.length >= 28);
        assertFalse(contains(api, PveSimulator.ROOT_PASSWORD));
        assertFalse(contains(sshSecret, NodeEmulator.PASSWORD));
        NodeConnections.NodeAccess access = connections.connect(id);
        assertEquals("pve1", access.api().orElseThrow().nodeName());
        assertEquals("node-pwd", access.name());
        assertTrue(access.online());
        assertEquals("cluster:prod", access.vmidSpace());
        assertEquals(ssh.hostKeyFingerprint(), access.ssh().orElseThrow().hostKeyFingerprint());
        assertEquals(1, count("SELECT count(*) FROM node WHERE id = ? AND ssh_status = 0 AND pve_cluster = 'prod'", id));
    }

    @Test
    void registersWithAnApiTokenOnAClusterAndAStandAloneNode() {
        Map<String, Object> f = form("node-token", prod.node("pve2"), ssh);
        f.put("username", "root@pam!ams");
        f.put("password", TOKEN_SECRET);
        f.put("nodeName", "pve2");
        long id = register(f);
        JsonPath r = record(id);
        assertEquals("TOKEN", r.getString("authMode"));
        assertEquals("ams", r.getString("tokenId"));
        assertEquals("root", r.getString("username"));
        assertEquals(MASK, r.getString("password"));

        Map<String, Object> s = form("node-solo", solo.node("solo"), ssh);
        s.put("username", "root");
        s.put("realm", "pam");
        s.put("tokenId", "ams");
        s.put("password", TOKEN_SECRET);
        long soloId = register(s);
        JsonPath sr = record(soloId);
        assertEquals("solo", sr.getString("nodeName"));
        assertNull(sr.get("cluster"), "a stand-alone node has its own VMID space");
        assertTrue(connections.connect(soloId).vmidSpace().startsWith("node:127.0.0.1:"));
    }

    @Test
    void eachFailingCheckSavesNothingAndSaysWhichPartFailed() {
        long before = count("SELECT count(*) FROM node");
        SimNode pve = prod.node("pve7");
        Map<String, Object> f = form("node-bad", pve, ssh);

        f.put("password", "wrong-password");
        post("insertNodeMaster", f).body("code", equalTo(1062)).body("message", not(containsString("wrong-password")));
        f.put("password", PveSimulator.ROOT_PASSWORD);

        f.put("port", closedPort());
        post("insertNodeMaster", f).body("code", equalTo(1061));
        f.put("port", pve.port());

        f.put("tlsFingerprint", "00:".repeat(31) + "00");
        post("insertNodeMaster", f).body("code", equalTo(1063)).body("message", containsString(pve.fingerprint()));
        f.remove("tlsFingerprint");

        f.put("sshPassword", "wrong-ssh-password");
        post("insertNodeMaster", f).body("code", equalTo(1065)).body("message", not(containsString("wrong-ssh-password")));
        f.put("sshPassword", NodeEmulator.PASSWORD);

        f.put("sshPort", closedPort());
        post("insertNodeMaster", f).body("code", equalTo(1064));
        f.put("sshPort", ssh.port());

        f.put("sshHostKey", "SHA256:" + "A".repeat(43));
        post("insertNodeMaster", f).body("code", equalTo(1066));
        f.remove("sshHostKey");

        f.put("nodeName", "nosuch");
        post("insertNodeMaster", f).body("code", equalTo(4000002)).body("message", containsString("nodeName"));
        f.remove("nodeName");

        for (String[] bad : new String[][]{{"host", "https://127.0.0.1"}, {"port", "70000"}, {"realm", "p/m"},
                {"password", MASK}, {"sshUsername", "root;id"}, {"area", "999999"}, {"status", "7"},
                {"tlsFingerprint", "AB:CD"}}) {
            Map<String, Object> g = new HashMap<>(f);
            g.put(bad[0], bad[1]);
            post("insertNodeMaster", g).body("code", equalTo(4000002)).body("message", containsString(bad[0]));
        }
        Map<String, Object> noPassword = new HashMap<>(f);
        noPassword.remove("sshPassword");
        post("insertNodeMaster", noPassword).body("code", equalTo(4000002)).body("message", containsString("sshPassword"));
        post("insertNodeMaster", Map.of("host", "127.0.0.1", "port", "x")).body("code", equalTo(4000002))
                .body("message", containsString("port"));

        assertEquals(before, count("SELECT count(*) FROM node"), "a failed check saves nothing");
        assertEquals(-1, count("SELECT id FROM node WHERE name = 'node-bad'"));

        // the same PVE node twice would hand out its VMIDs twice
        long id = register(form("node-once", pve, ssh));
        post("insertNodeMaster", form("node-twice", pve, ssh)).body("code", equalTo(1068));
        post("insertNodeMaster", form("node-once", prod.node("pve6"), ssh)).body("code", equalTo(4000002))
                .body("message", containsString("name"));
        assertEquals(-1, count("SELECT id FROM node WHERE name = 'node-twice'"));
        assertTrue(id > 0);
    }

    @Test
    void updateKeepsMaskedSecretsAndRechecksConnectionChanges() {
        SimNode pve = prod.node("pve3");
        long id = register(form("node-upd", pve, ssh));
        byte[] apiBefore = bytes("SELECT api_secret_enc FROM node WHERE id = ?", id);
        byte[] sshBefore = bytes("SELECT ssh_secret_enc FROM node WHERE id = ?", id);
        int logins = prod.passwordLogins();

        // what the UI sends back: the listed values with the masks, plus a new name
        JsonPath r = record(id);
        Map<String, Object> edit = new HashMap<>(r.getMap(""));
        edit.put("name", "node-upd-renamed");
        edit.put("nataddr", "nat.example.org");
        post("updateNodeInfo", edit).body("code", equalTo(20000)).body("data.name", equalTo("node-upd-renamed"))
                .body("data.password", equalTo(MASK)).body("data.nataddr", equalTo("nat.example.org"));
        assertTrue(Arrays.equals(apiBefore, bytes("SELECT api_secret_enc FROM node WHERE id = ?", id)), "secret kept");
        assertTrue(Arrays.equals(sshBefore, bytes("SELECT ssh_secret_enc FROM node WHERE id = ?", id)), "secret kept");
        assertEquals(logins, prod.passwordLogins(), "nothing about the connection changed: no check");

        // a new password is checked before it is saved
        Map<String, Object> badPassword = Map.of("id", id, "password", "not-the-password");
        Api.admin(root).body(badPassword).put("/admin/updateNodeInfo").then().statusCode(200).body("code", equalTo(1062));
        assertTrue(Arrays.equals(apiBefore, bytes("SELECT api_secret_enc FROM node WHERE id = ?", id)), "nothing written");

        Map<String, Object> badSshPort = Map.of("id", id, "sshPort", closedPort(), "name", "must-not-stick");
        post("updateNodeInfo", badSshPort).body("code", equalTo(1064));
        assertEquals(id, idOf("node-upd-renamed"), "a failed check leaves the row as it was");

        post("updateNodeInfo", Map.of("id", id, "password", PveSimulator.ROOT_PASSWORD)).body("code", equalTo(20000));
        assertTrue(prod.passwordLogins() > logins, "the new password was tried on the node");
        assertFalse(Arrays.equals(apiBefore, bytes("SELECT api_secret_enc FROM node WHERE id = ?", id)), "re-encrypted");

        // disabling is an admin's choice the monitor leaves alone; back in service means offline until checked
        post("updateNodeInfo", Map.of("id", id, "status", 2)).body("code", equalTo(20000)).body("data.status", equalTo(2));
        post("updateNodeInfo", Map.of("id", id, "status", 0)).body("code", equalTo(20000)).body("data.status", equalTo(1));

        post("updateNodeInfo", Map.of("id", id, "natbridge", "br;x")).body("code", equalTo(4000002))
                .body("message", containsString("natbridge"));
        post("updateNodeInfo", Map.of("id", 99999999, "name", "x")).body("code", equalTo(1002));
        post("updateNodeInfo", Map.of("name", "x")).body("code", equalTo(4000002)).body("message", containsString("id"));
    }

    @Test
    void certificateAndHostKeyCanBeRepinnedAfterADeliberateChange() {
        SimNode pve = prod.node("pve4");
        long id = register(form("node-pin", pve, ssh));
        String oldPin = pve.fingerprint();
        pve.rotateCertificate();
        Api.admin(root).get("/admin/getNodeInfoByOne?nodeId=" + id).then().body("code", equalTo(1063));
        Api.admin(root).body(Map.of("fingerprint", oldPin)).put("/admin/node/" + id + "/repinCertificate").then()
                .statusCode(200).body("code", equalTo(1063));
        Api.admin(root).body(Map.of()).put("/admin/node/" + id + "/repinCertificate").then().statusCode(200)
                .body("code", equalTo(20000)).body("data.tlsFingerprint", equalTo(pve.fingerprint()));
        Api.admin(root).get("/admin/getNodeInfoByOne?nodeId=" + id).then().body("code", equalTo(20000));

        // a host key the node does not present (as after a reinstall, seen from the other side)
        exec("UPDATE node SET ssh_host_key_fingerprint = ? WHERE id = ?", "SHA256:" + "B".repeat(43), id);
        Api.admin(root).get("/admin/getPveNodeInterfaces?nodeId=" + id).then().body("code", equalTo(1066));
        post("node/" + id + "/repinHostKey", Map.of("fingerprint", "SHA256:" + "C".repeat(43))).body("code", equalTo(1066));
        post("node/" + id + "/repinHostKey", Map.of()).body("code", equalTo(20000))
                .body("data.sshHostKey", equalTo(ssh.hostKeyFingerprint()));
        Api.admin(root).get("/admin/getPveNodeInterfaces?nodeId=" + id).then().body("code", equalTo(20000));
        post("node/abc/repinHostKey", Map.of()).body("code", equalTo(4000002));
    }

    @Test
    void deleteIsRefusedWhileVmsRemain() {
        long id = register(form("node-del", prod.node("pve5"), ssh));
        long vm = count("""
                INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc, os_file_name, os_name,
                                os_type, storage, system_disk_gb, bridge, expires_at)
                VALUES (?, 4242, 'vm-del-test', 'root', ?, 'debian-12.qcow2', 'Debian 12', 'linux', 'local', 10, 'vmbr0',
                        now() + interval '30 days') RETURNING id""", id, new byte[32]);
        Api.admin(root).delete("/admin/deleteNodeById?nodeId=" + id).then().statusCode(200).body("code", equalTo(1025));
        exec("UPDATE vm SET delete_state = 1, recycle_purge_at = now() + interval '1 day' WHERE id = ?", vm);
        Api.admin(root).delete("/admin/deleteNodeById?nodeId=" + id).then().body("code", equalTo(1025));
        exec("UPDATE vm SET delete_state = 2, recycle_purge_at = NULL, deleted_at = now() WHERE id = ?", vm);
        Api.admin(root).delete("/admin/deleteNodeById?nodeId=" + id).then().body("code", equalTo(20000))
                .body("data", equalTo("删除成功"));
        assertEquals(-1, count("SELECT id FROM node WHERE id = ?", id));
        assertEquals(1, count("SELECT count(*) FROM vm WHERE id = ? AND node_id IS NULL", vm), "purged VM kept for statistics");
        Api.admin(root).delete("/admin/deleteNodeById?nodeId=" + id).then().body("code", equalTo(1002));
        Api.admin(root).delete("/admin/deleteNodeById").then().body("code", equalTo(4000002))
                .body("message", containsString("nodeId"));
    }

    @Test
    void statusLoadNetworkAndInterfacesOfANode() {
        long id = register(form("node-info", prod.node("pve6"), ssh));
        Api.admin(root).get("/admin/getNodeInfoByOne?nodeId=" + id).then().statusCode(200).body("code", equalTo(20000))
                .body("data.cpuinfo.cpus", equalTo(16)).body("data.cpuinfo.model", equalTo("Simulated CPU"))
                .body("data.loadavg.size()", equalTo(3)).body("data.memory.total", not(nullValue()))
                .body("data.rootfs.avail", not(nullValue())).body("data.swap.total", not(nullValue()))
                .body("data.pveversion", containsString("pve-manager")).body("data.uptime", equalTo(86400));
        Api.admin(root).get("/admin/getNodeInfoByOne?nodeId=99999999").then().body("code", equalTo(20400))
                .body("message", equalTo("节点不存在"));

        Api.admin(root).get("/admin/getNodeLoadAvg?nodeId=" + id).then().body("code", equalTo(20000))
                .body("data[0].time", not(nullValue())).body("data[0].cpu", not(nullValue()));
        Api.admin(root).get("/admin/getNodeLoadAvg?nodeId=" + id + "&timeframe=week&cf=MAX").then().body("code", equalTo(20000));
        Api.admin(root).get("/admin/getNodeLoadAvg?nodeId=" + id + "&timeframe=minute").then()
                .body("code", equalTo(4000002)).body("message", containsString("timeframe"));
        Api.admin(root).get("/admin/getNodeLoadAvg?nodeId=" + id + "&cf=MIN").then()
                .body("code", equalTo(4000002)).body("message", containsString("cf"));

        Api.admin(root).get("/admin/getPveNodeNetworkInfo?nodeId=" + id).then().body("code", equalTo(20000))
                .body("data.iface", hasItem("vmbr0"))
                .body("data.find { it.iface == 'vmbr0' }.cidr", equalTo("192.0.2.10/24"))
                .body("data.find { it.iface == 'vmbr0' }.bridge_ports", equalTo("eno1"))
                .body("data.find { it.iface == 'vmbr0' }.active", equalTo(1))
                .body("data.find { it.iface == 'vmbr0' }.bridge_vlan_aware", equalTo(1));
        Api.admin(root).get("/admin/getPveNodeInterfaces?nodeId=" + id).then().body("code", equalTo(20000))
                .body("data", equalTo(INTERFACES));
        Api.admin(root).get("/admin/getPveNodeNetworkInfo?nodeId=x").then().body("code", equalTo(4000002));
    }

    @Test
    void nodesAreBoundToRegionsAndListedByRegion() {
        long id = register(form("node-region", prod.node("pve8"), ssh));
        long region = count("INSERT INTO region (name) VALUES ('node-test-region') RETURNING id");
        post("addNodeToArea", Map.of("id", id, "area", region)).body("code", equalTo(20000)).body("data", equalTo("添加成功"));
        Api.admin(root).body(Map.of("id", id, "area", region)).put("/admin/addNodeToArea").then().body("code", equalTo(20000));
        Api.admin(root).get("/admin/getNodeListByArea?area=" + region).then().body("code", equalTo(20000))
                .body("data.total", equalTo(1)).body("data.records[0].id", equalTo((int) id))
                .body("data.records[0].area", equalTo((int) region))
                .body("data.records[0].password", equalTo(MASK)).body("data.records[0].sshPassword", equalTo(MASK))
                .body("data.size", equalTo(20)).body("data.current", equalTo(1));
        post("addNodeToArea", Map.of("id", id, "area", 99999999)).body("code", equalTo(4000002))
                .body("message", containsString("area"));
        post("addNodeToArea", Map.of("id", 99999999, "area", region)).body("code", equalTo(1002));
        Api.admin(root).get("/admin/getNodeListByArea?area=99999999").then().body("code", equalTo(4000002));
        Api.admin(root).get("/admin/getNodeListByArea").then().body("code", equalTo(4000002))
                .body("message", containsString("area"));
        // deleting a region unbinds its nodes
        exec("DELETE FROM region WHERE id = ?", region);
        assertNull(record(id).get("area"));
        Api.admin(root).delete("/admin/deleteNodeById?nodeId=" + id).then().body("code", equalTo(20000));
    }

    @Test
    void theMonitorMarksADeadNodeOfflineWhileTheOthersStayOnlineAndBringsItBack() {
        long m1 = register(form("mon-1", mon.node("m1"), sshMon));
        long m2 = register(form("mon-2", mon.node("m2"), ssh));
        long m3 = register(form("mon-3", mon.node("m3"), ssh));
        monitor.checkNow();
        assertEquals(0, record(m1).getInt("status"));

        mon.node("m1").stop();
        sshMon.stopListening();
        NodeMonitorUseCase.Report report = monitor.checkNow();
        assertEquals(1, record(m1).getInt("status"));
        assertEquals(1, record(m1).getInt("controllerStatus"));
        assertEquals(0, record(m2).getInt("status"));
        assertEquals(0, record(m3).getInt("status"));
        assertEquals(0, record(m3).getInt("controllerStatus"));
        assertTrue(report.changes().stream().anyMatch(c -> c.nodeId() == m1 && c.aspect().equals("status")
                && c.to().equals("offline")));
        assertFalse(report.changes().stream().anyMatch(c -> c.nodeId() == m2 || c.nodeId() == m3));

        // a node that never answers is called down at the deadline; the others are not held up by it
        mon.node("m2").inject(Fault.hang().on("GET", "/nodes/m2/status").times(100));
        monitor.checkNow();
        assertEquals(1, record(m2).getInt("status"));
        assertEquals(0, record(m3).getInt("status"));
        mon.node("m2").clearFaults();

        mon.node("m1").start();
        sshMon.restart();
        NodeMonitorUseCase.Report back = monitor.checkNow();
        assertEquals(0, record(m1).getInt("status"));
        assertEquals(0, record(m1).getInt("controllerStatus"));
        assertEquals(0, record(m2).getInt("status"));
        assertTrue(back.changes().stream().anyMatch(c -> c.nodeId() == m1 && c.to().equals("online")));

        // disabled nodes are left alone
        post("updateNodeInfo", Map.of("id", m3, "status", 2)).body("code", equalTo(20000));
        monitor.checkNow();
        assertEquals(2, record(m3).getInt("status"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ams_node_status_changes_total{aspect=\"status\",to=\"offline\"}"));
    }
}
