package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.in.image.ImageDownloadMaintenance;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.hypervisor.DownloadUrlRequest;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OS image endpoints (OS管理) end to end: the embedded database, the PVE simulator (download-url into an import
 * storage) and the SSH node emulator (curl into the image directory).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class OsImagesTest {
    /** A public address literal: passes the SSRF policy without DNS; nothing ever connects to it. */
    private static final String MIRROR = "https://151.101.2.132/images/";
    @RegisterExtension
    static final SimulatedPve simulated = new SimulatedPve(PveSimulator.builder().nodes("pve1")
            .taskDuration(Duration.ofMillis(300)));
    static PveSimulator sim;
    static NodeEmulator ssh;
    @TempDir
    static Path nodeFs;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;
    @Inject
    SecretCipher cipher;
    @Inject
    HypervisorNodes pve;
    @Inject
    ImageDownloadMaintenance maintenance;

    String root;
    long node;

    @BeforeAll
    static void startNodes() {
        sim = simulated.sim();
        ssh = NodeEmulator.builder(nodeFs).start();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        node = nodeRow("127.0.0.1", 0);
    }

    // ------------------------------------------------------------------------------------------------ insertOs

    @Test
    void insertOsStoresTheImageAndListsItWithTheFieldsTheUiReads() throws Exception {
        String name = unique("Ubuntu-22.04");
        Api.admin(root).body(osBody(name, name + ".qcow2")).post("/admin/insertOs").then().statusCode(200)
                .body("code", equalTo(20000)).body("data", equalTo("添加成功"));
        JsonPath page = Api.admin(root).get("/admin/selectOsByPage?page=1&size=500").then().statusCode(200)
                .body("code", equalTo(20000)).body("data.current", equalTo(1)).body("data.size", equalTo(500))
                .body("data.orders.size()", equalTo(0)).body("data.maxLimit", nullValue())
                .extract().jsonPath();
        Map<String, Object> os = page.getMap("data.records.find { it.name == '" + name + "' }");
        assertEquals(name + ".qcow2", os.get("fileName"));
        assertEquals("linux", os.get("type"));
        assertEquals("x86_64", os.get("arch"));
        assertEquals("ubuntu", os.get("osType"));
        assertEquals(0, os.get("downType"));
        assertEquals(MIRROR + name + ".qcow2", os.get("url"));
        assertEquals("/home/images", os.get("path"));
        assertEquals(1, os.get("cloud"));
        assertEquals(0, os.get("status"));
        assertTrue(os.containsKey("size"));
        assertTrue(os.containsKey("nodeStatus"));
        assertNull(os.get("nodeStatus"));
        assertTrue(((Number) os.get("createTime")).longValue() > 0);
        assertEquals("ubuntu|0|true", text("SELECT os_type || '|' || download_type || '|' || cloud_init FROM os_image WHERE name = '" + name + "'"));
    }

    @Test
    void insertOsRefusesBadFieldsNamingThem() {
        String n = unique("bad");
        expectInvalid(with(osBody(n, n + ".qcow2"), "name", null), "name");
        expectInvalid(with(osBody(n, n + ".qcow2"), "fileName", "../etc/passwd"), "fileName");
        expectInvalid(with(osBody(n, n + ".qcow2"), "fileName", "a b;rm -rf.qcow2"), "fileName");
        expectInvalid(with(osBody(n, n + ".qcow2"), "type", "mac"), "type");
        expectInvalid(with(osBody(n, n + ".qcow2"), "osType", null), "osType");
        expectInvalid(with(osBody(n, n + ".qcow2"), "arch", "sparc"), "arch");
        expectInvalid(with(osBody(n, n + ".qcow2"), "downType", 7), "downType");
        expectInvalid(with(osBody(n, n + ".qcow2"), "downType", null), "downType");
        expectInvalid(with(osBody(n, n + ".qcow2"), "url", null), "url");
        expectInvalid(with(osBody(n, n + ".qcow2"), "url", "ftp://x/y.qcow2"), "url");
        expectInvalid(with(osBody(n, n + ".qcow2"), "path", "/etc/pve"), "path");
        expectInvalid(with(osBody(n, n + ".qcow2"), "path", "/home/../etc"), "path");
        expectInvalid(with(osBody(n, n + ".qcow2"), "cloud", 5), "cloud");
        expectInvalid(with(osBody(n, n + ".qcow2"), "checksum", "abc"), "checksumAlgorithm");
        Api.admin(root).body("{").post("/admin/insertOs").then().statusCode(200).body("code", equalTo(4000001));
        Api.admin(root).post("/admin/insertOs").then().statusCode(200).body("code", equalTo(4000002));
    }

    @Test
    void insertOsRefusesATakenNameOrFileName() {
        String n = unique("dup");
        Api.admin(root).body(osBody(n, n + ".qcow2")).post("/admin/insertOs").then().body("code", equalTo(20000));
        Api.admin(root).body(osBody(n, n + "-other.qcow2")).post("/admin/insertOs").then()
                .body("code", equalTo(20400)).body("message", equalTo("镜像名称已存在"));
        Api.admin(root).body(osBody(n + "-other", n + ".qcow2")).post("/admin/insertOs").then()
                .body("code", equalTo(20400)).body("message", equalTo("镜像文件名已存在"));
    }

    @Test
    void windowsImagesNeedNoOsTypeAndManualUploadsNoUrl() throws Exception {
        String n = unique("Win2022");
        Map<String, Object> body = with(with(with(osBody(n, n + ".qcow2"), "type", "windows"), "osType", null), "url", null);
        body.put("downType", 1);
        body.put("path", "default");
        Api.admin(root).body(body).post("/admin/insertOs").then().body("code", equalTo(20000));
        assertEquals("windows|1|/home/images", text("SELECT os_type || '|' || download_type || '|' || path FROM os_image WHERE name = '" + n + "'"));
    }

    // ------------------------------------------------------------------------------------------------ search

    @Test
    void selectOsByPageAndConditionFiltersOnWhitelistedFieldsOnly() {
        String n = unique("Rocky");
        Api.admin(root).body(with(osBody(n, n + ".qcow2"), "osType", "rocky")).post("/admin/insertOs").then().body("code", equalTo(20000));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=osType&value=ROCK&size=500").then()
                .body("code", equalTo(20000)).body("data.records.find { it.name == '" + n + "' }.osType", equalTo("rocky"));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=name&value=" + n).then()
                .body("data.total", equalTo(1)).body("data.pages", equalTo(1));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=downType&value=0&size=500").then()
                .body("code", equalTo(20000)).body("data.records.find { it.name == '" + n + "' }", notNullValue());
        // the value is a parameter, never SQL; wildcards in it are literal
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=name&value=' OR '1'='1").then()
                .body("code", equalTo(20000)).body("data.total", equalTo(0));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=name&value=%25").then().body("data.total", equalTo(0));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=status&value=0").then()
                .body("code", equalTo(4000002)).body("message", containsString("param"));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=name%3D1%3BDROP&value=0").then()
                .body("code", equalTo(4000002)).body("message", containsString("param"));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?value=x").then()
                .body("code", equalTo(4000002)).body("message", containsString("param"));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=name").then()
                .body("code", equalTo(4000002)).body("message", containsString("value"));
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=cloud&value=yes").then()
                .body("code", equalTo(4000002)).body("message", containsString("value"));
        Api.admin(root).get("/admin/selectOsByPage?size=100000").then()
                .body("code", equalTo(4000002)).body("message", containsString("size"));
    }

    // ------------------------------------------------------------------------------------------------ updateOs

    @Test
    void updateOsChangesEditableFieldsAndRefusesReadOnlyOnes() throws Exception {
        long id = insert(unique("upd"), ".qcow2");
        Map<String, Object> os = record(id);
        os.put("name", os.get("name") + "-renamed");
        os.put("cloud", 0);
        Api.admin(root).body(os).put("/admin/updateOs").then().body("code", equalTo(20000)).body("data", equalTo("修改成功"));
        assertEquals(os.get("name") + "|false", text("SELECT name || '|' || cloud_init FROM os_image WHERE id = " + id));
        os.put("osType", "debian");
        Api.admin(root).body(os).post("/admin/updateOs").then().body("code", equalTo(20000)); // POST works too
        assertEquals("debian", text("SELECT os_type FROM os_image WHERE id = " + id));

        expectUpdateInvalid(with(new HashMap<>(os), "downType", 1), "downType");
        expectUpdateInvalid(with(new HashMap<>(os), "size", "5GB"), "size");
        expectUpdateInvalid(with(new HashMap<>(os), "status", 1), "status");
        expectUpdateInvalid(with(new HashMap<>(os), "id", null), "id");
        expectUpdateInvalid(with(new HashMap<>(os), "fileName", "x/y"), "fileName");
        Api.admin(root).body(with(new HashMap<>(os), "id", 99999999)).put("/admin/updateOs").then().body("code", equalTo(1014));
        assertEquals("0", text("SELECT download_type FROM os_image WHERE id = " + id));
    }

    // ------------------------------------------------------------------------------------------------ catalogue

    @Test
    void selectOsByOnlineServesTheShippedCatalogueOfflineAndActivatesEntries() throws Exception {
        JsonPath online = Api.admin(root).get("/admin/selectOsByOnline?page=1&size=50").then().statusCode(200)
                .body("code", equalTo(20000)).body("data.page", equalTo(1)).body("data.size", equalTo(50))
                .body("data.totalPage", equalTo(1)).body("data.total", greaterThanOrEqualTo(6))
                .extract().jsonPath();
        Map<String, Object> debian = online.getMap("data.data.find { it.containsKey('Debian-12-x64.qcow2') }.'Debian-12-x64.qcow2'");
        assertEquals("https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-generic-amd64.qcow2", debian.get("url"));
        assertEquals(1, debian.get("cloud-int"));
        assertEquals(List.of(), debian.get("nodeData"));
        Api.admin(root).get("/admin/selectOsByOnline?page=2&size=2").then()
                .body("data.data.size()", equalTo(2)).body("data.page", equalTo(2));

        Api.admin(root).body(Map.of("fileName", "Debian-12-x64.qcow2")).post("/admin/activeOsByOnline").then()
                .body("code", equalTo(20000));
        assertEquals("Debian-12-x64|debian|0|/home/images", text("SELECT name || '|' || os_type || '|' || download_type || '|' || path"
                + " FROM os_image WHERE file_name = 'Debian-12-x64.qcow2'"));
        long id = Long.parseLong(text("SELECT id FROM os_image WHERE file_name = 'Debian-12-x64.qcow2'"));
        Api.admin(root).get("/admin/selectOsByOnline?size=50").then()
                .body("data.data.find { it.containsKey('Debian-12-x64.qcow2') }.'Debian-12-x64.qcow2'.nodeData[0].osId", equalTo((int) id))
                .body("data.data.find { it.containsKey('Debian-12-x64.qcow2') }.'Debian-12-x64.qcow2'.nodeData[0]", hasKey("createTime"));
        Api.admin(root).body(Map.of("fileName", "Debian-12-x64.qcow2")).post("/admin/activeOsByOnline").then()
                .body("code", equalTo(20400)).body("message", equalTo("该镜像已激活"));
        Api.admin(root).body(Map.of("fileName", "NoSuch-1.qcow2")).post("/admin/activeOsByOnline").then()
                .body("code", equalTo(20400));
        Api.admin(root).body(Map.of("fileName", "../x")).post("/admin/activeOsByOnline").then()
                .body("code", equalTo(4000002)).body("message", containsString("fileName"));
    }

    // ------------------------------------------------------------------------------------------------ downloadOs

    @Test
    void downloadOsThroughPveFetchesIntoTheImportStorageUntilReady() throws Exception {
        String n = unique("pve-dl");
        long id = insert(n, ".qcow2");
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(20000)).body("data", equalTo("开始下载"));
        awaitText("SELECT state FROM os_image_node WHERE os_image_id = " + id, "2");
        assertEquals("PVE|local:import/" + n + ".qcow2|100|", text("SELECT method || '|' || location || '|' || progress || '|'"
                + " || coalesce(owner, '') FROM os_image_node WHERE os_image_id = " + id));
        Map<String, Object> status = record(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((Map<String, Map<String, Object>>) status.get("nodeStatus")).get("0");
        assertEquals(2, first.get("status"));
        assertEquals(100, first.get("schedule"));
        assertEquals((int) node, first.get("nodeId"));
        assertEquals("512MB", status.get("size")); // measured from the PVE volume
        assertTrue(sim.requests().stream().anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/storage/local/download-url")));
        assertEquals(List.of(), sim.schemaViolations());

        // a second download to the same node is refused
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(20400)).body("message", equalTo("该节点已存在此镜像"));
    }

    @Test
    void downloadOsOverSshWhenPveCannotHoldTheFileAndVerifiesTheChecksum() throws Exception {
        String n = unique("ssh-dl");
        byte[] image = ("qcow2 bytes of " + n).getBytes(StandardCharsets.UTF_8);
        ssh.serve(MIRROR + n + ".img", image);
        long id = insert(n, ".img", Map.of("checksumAlgorithm", "SHA256", "checksum", sha256(image)));
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then().body("code", equalTo(20000));
        awaitText("SELECT state FROM os_image_node WHERE os_image_id = " + id, "2");
        assertEquals("SSH|/home/images/" + n + ".img", text("SELECT method || '|' || location FROM os_image_node WHERE os_image_id = " + id));
        assertTrue(Files.exists(ssh.path("/home/images/" + n + ".img")));
        assertEquals(Long.toString(image.length), text("SELECT size_bytes FROM os_image WHERE id = " + id));

        // deleteOs with a JSON body, as the admin UI sends it: the file goes, then the image
        Api.admin(root).body(Map.of("osId", id)).delete("/admin/deleteOs").then()
                .body("code", equalTo(20000)).body("data", equalTo("删除成功"));
        assertFalse(Files.exists(ssh.path("/home/images/" + n + ".img")));
        assertEquals("0", text("SELECT count(*) FROM os_image WHERE id = " + id));
        assertEquals("0", text("SELECT count(*) FROM os_image_node WHERE os_image_id = " + id));
    }

    @Test
    void aChecksumMismatchLeavesNothingUsable() throws Exception {
        String n = unique("bad-sum");
        ssh.serve(MIRROR + n + ".img", "tampered".getBytes(StandardCharsets.UTF_8));
        long id = insert(n, ".img", Map.of("checksumAlgorithm", "SHA256", "checksum", sha256("genuine".getBytes(StandardCharsets.UTF_8))));
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then().body("code", equalTo(20000));
        awaitText("SELECT state FROM os_image_node WHERE os_image_id = " + id, "3");
        assertTrue(text("SELECT reason FROM os_image_node WHERE os_image_id = " + id).contains("checksum"));
        assertEquals("", text("SELECT coalesce(location, '') || coalesce(owner, '') FROM os_image_node WHERE os_image_id = " + id));
        assertFalse(Files.exists(ssh.path("/home/images/" + n + ".img")));
        try (var files = Files.list(ssh.path("/home/images"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(n)), "no partial file is left");
        }
        Api.admin(root).get("/admin/selectOsByPageAndCondition?param=name&value=" + n).then()
                .body("data.records[0].nodeStatus.'0'.status", equalTo(3))
                .body("data.records[0].nodeStatus.'0'.reason", containsString("checksum"));
        // a failed download may be started again
        ssh.serve(MIRROR + n + ".img", "genuine".getBytes(StandardCharsets.UTF_8));
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then().body("code", equalTo(20000));
        awaitText("SELECT state FROM os_image_node WHERE os_image_id = " + id, "2");
    }

    @Test
    void anSsrfTargetIsRefusedBeforeAnyNodeIsAsked() throws Exception {
        String n = unique("ssrf");
        long id = insert(n, ".qcow2", Map.of("url", "http://169.254.169.254/latest/meta-data.qcow2"));
        int before = sim.requests().size();
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(20400)).body("message", containsString("镜像下载地址不被允许"));
        Api.admin(root).header("Accept-Language", "en").body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(20400)).body("message", containsString("not allowed"));
        assertEquals("0", text("SELECT count(*) FROM os_image_node WHERE os_image_id = " + id));
        assertTrue(sim.requests().subList(before, sim.requests().size()).stream().noneMatch(r -> r.path().contains("download-url")));
    }

    @Test
    void downloadOsRefusalsUseTheLegacyCodes() throws Exception {
        long id = insert(unique("refuse"), ".qcow2");
        long offline = nodeRow("localhost", 1);
        Api.admin(root).body(Map.of("nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(4000002)).body("message", containsString("osId"));
        Api.admin(root).body(Map.of("osId", id)).post("/admin/downloadOs").then()
                .body("code", equalTo(4000002)).body("message", containsString("nodeId"));
        Api.admin(root).body(Map.of("osId", "x", "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(4000002)).body("message", containsString("osId"));
        Api.admin(root).body(Map.of("osId", 99999999, "nodeId", node)).post("/admin/downloadOs").then().body("code", equalTo(1014));
        Api.admin(root).body(Map.of("osId", id, "nodeId", 99999999)).post("/admin/downloadOs").then().body("code", equalTo(1002));
        Api.admin(root).body(Map.of("osId", id, "nodeId", offline)).post("/admin/downloadOs").then().body("code", equalTo(1003));
        assertEquals("0", text("SELECT count(*) FROM os_image_node WHERE os_image_id = " + id));
    }

    @Test
    void aManualUploadIsRecordedOnlyWhenTheNodeHasTheFile() throws Exception {
        String n = unique("upload");
        Map<String, Object> body = with(osBody(n, n + ".qcow2"), "url", null);
        body.put("downType", 1);
        Api.admin(root).body(body).post("/admin/insertOs").then().body("code", equalTo(20000));
        long id = Long.parseLong(text("SELECT id FROM os_image WHERE name = '" + n + "'"));
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(20400)).body("message", containsString("请先上传"));
        ssh.writeFile("/home/images/" + n + ".qcow2", new byte[]{1, 2, 3});
        Api.admin(root).body(Map.of("osId", id, "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(20000)).body("data", equalTo("已记录"));
        assertEquals("2|100|MANUAL", text("SELECT state || '|' || progress || '|' || method FROM os_image_node WHERE os_image_id = " + id));
    }

    // ------------------------------------------------------------------------------------------------ deleteOs

    @Test
    void deleteOsRefusesWhileDownloadingAndNamesAMissingId() throws Exception {
        long id = insert(unique("busy"), ".qcow2");
        exec("INSERT INTO os_image_node (os_image_id, node_id, state, progress, owner, heartbeat_at, method)"
                + " VALUES (" + id + ", " + node + ", 1, 40, 'some-live-replica', now() + interval '1 hour', 'SSH')");
        Api.admin(root).body(Map.of("osId", id)).delete("/admin/deleteOs").then()
                .body("code", equalTo(20400)).body("message", equalTo("镜像正在下载中，无法删除"));
        assertEquals("1", text("SELECT count(*) FROM os_image WHERE id = " + id));
        Api.admin(root).body(Map.of()).delete("/admin/deleteOs").then()
                .body("code", equalTo(4000002)).body("message", containsString("osId"));
        Api.admin(root).body(Map.of("osId", 99999999)).delete("/admin/deleteOs").then().body("code", equalTo(1014));
        Api.admin(root).body(Map.of("osId", id)).get("/admin/deleteOs").then().body("code", equalTo(501001));
    }

    // ------------------------------------------------------------------------------------------------ recovery

    @Test
    void aDownloadLeftByAStoppedReplicaIsFailedOrResumedNeverLeftDownloading() throws Exception {
        // an SSH download whose replica died: its curl died with the SSH session, so it is failed cleanly
        long lost = insert(unique("lost"), ".img");
        exec("INSERT INTO os_image_node (os_image_id, node_id, state, progress, owner, heartbeat_at, method, location)"
                + " VALUES (" + lost + ", " + node + ", 1, 30, 'gone-replica', now() - interval '1 hour', 'SSH', '/home/images/x.img')");
        // a PVE download whose replica died: the PVE task runs on without it and is waited for again
        String n = unique("resumed");
        long resumed = insert(n, ".qcow2");
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        String upid = pve.downloadUrl(ep, DownloadUrlRequest.of("local", MIRROR + n + ".qcow2", n + ".qcow2", "import")).value();
        exec("INSERT INTO os_image_node (os_image_id, node_id, state, progress, owner, heartbeat_at, method, upid, location)"
                + " VALUES (" + resumed + ", " + node + ", 1, 10, 'gone-replica', now() - interval '1 hour', 'PVE', '" + upid
                + "', 'local:import/" + n + ".qcow2')");

        maintenance.recoverOrphans(); // what start-up and the periodic job run (the job may well beat us to it)
        awaitText("SELECT state FROM os_image_node WHERE os_image_id = " + lost, "3");
        assertTrue(text("SELECT reason FROM os_image_node WHERE os_image_id = " + lost).contains("gone-replica"));
        assertEquals("", text("SELECT coalesce(owner, '') || coalesce(location, '') FROM os_image_node WHERE os_image_id = " + lost));
        awaitText("SELECT state FROM os_image_node WHERE os_image_id = " + resumed, "2");
        assertEquals("100|local:import/" + n + ".qcow2", text("SELECT progress || '|' || location FROM os_image_node WHERE os_image_id = " + resumed));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private long nodeRow(String host, int status) throws Exception {
        String existing = text("SELECT coalesce(max(id)::text, '') FROM node WHERE host = '" + host + "' AND api_port = " + sim.node("pve1").port());
        if (!existing.isEmpty()) {
            return Long.parseLong(existing);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO node (name, host, api_port, pve_node_name, auth_mode, realm, username, api_secret_enc,"
                        + " tls_trust_mode, tls_fingerprint, ssh_host, ssh_port, ssh_username, ssh_auth_mode, ssh_secret_enc,"
                        + " ssh_host_key_fingerprint, status, image_dir)"
                        + " VALUES (?, ?, ?, 'pve1', 'PASSWORD', 'pam', 'root', ?, 'PINNED', ?, '127.0.0.1', ?, ?, 'PASSWORD', ?, ?, ?, '/home/images')"
                        + " RETURNING id")) {
            ps.setString(1, "img-node-" + UUID.randomUUID().toString().substring(0, 8));
            ps.setString(2, host);
            ps.setInt(3, sim.node("pve1").port());
            ps.setBytes(4, cipher.encrypt(PveSimulator.ROOT_PASSWORD));
            ps.setString(5, sim.node("pve1").fingerprint());
            ps.setInt(6, ssh.port());
            ps.setString(7, NodeEmulator.USER);
            ps.setBytes(8, cipher.encrypt(NodeEmulator.PASSWORD));
            ps.setString(9, ssh.hostKeyFingerprint());
            ps.setShort(10, (short) status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> osBody(String name, String fileName) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("fileName", fileName);
        b.put("type", "linux");
        b.put("downType", 0);
        b.put("arch", "x86_64");
        b.put("url", MIRROR + fileName);
        b.put("path", "/home/images");
        b.put("osType", "ubuntu");
        b.put("cloud", 1);
        return b;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        body.put(key, value);
        return body;
    }

    private long insert(String name, String extension) throws Exception {
        return insert(name, extension, Map.of());
    }

    private long insert(String name, String extension, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = osBody(name, name + extension);
        body.putAll(extra);
        Api.admin(root).body(body).post("/admin/insertOs").then().body("code", equalTo(20000));
        return Long.parseLong(text("SELECT id FROM os_image WHERE name = '" + name + "'"));
    }

    private Map<String, Object> record(long id) {
        String name = Api.admin(root).get("/admin/selectOsByPage?size=500").then().extract()
                .jsonPath().getString("data.records.find { it.id == " + id + " }.name");
        return new HashMap<>(Api.admin(root).get("/admin/selectOsByPageAndCondition?param=name&value=" + name).then()
                .extract().jsonPath().getMap("data.records.find { it.id == " + id + " }"));
    }

    private void expectInvalid(Map<String, Object> body, String field) {
        Api.admin(root).body(body).post("/admin/insertOs").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString(field));
    }

    private void expectUpdateInvalid(Map<String, Object> body, String field) {
        Api.admin(root).body(body).put("/admin/updateOs").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString(field));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private void awaitText(String sql, String expected) throws Exception {
        // the bound only stops a broken run from hanging; nothing asserts how fast the download was
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!expected.equals(text(sql)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        assertEquals(expected, text(sql), sql);
    }

    private void exec(String sql) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    private String text(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : null;
        }
    }
}
