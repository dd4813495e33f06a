package com.pveams.bootstrap.e2e;

import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The create request end to end (admin {@code createVm}, public {@code cerateVM}/{@code createVM}): the VM row,
 * its held addresses and VMID, the started {@code CREATE_VM} operation, and every refusal leaving nothing behind.
 * The build's step handlers are not part of this test: the operations stay pending, so the public wait (short in
 * this profile) runs out and answers the VM creating.
 */
@QuarkusTest
@TestProfile(VmCreateTest.ShortWait.class)
@WithTestResource(EmbeddedPostgresResource.class)
class VmCreateTest {
    private static final AtomicInteger NETS = new AtomicInteger(1);

    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.vm.create-wait", "200ms");
        }
    }

    static String appId;
    static String appKey;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;

    String root;
    InventoryRows rows;
    long node;
    String net;
    long pool;
    String image;
    long imageId;

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        if (appId == null) {
            JsonPath key = Api.admin(root).body(Map.of("info", "vm-create")).post("/admin/insertApiKey").then()
                    .body("code", equalTo(20000)).extract().jsonPath();
            appId = key.getString("data.appid");
            appKey = key.getString("data.appkey");
        }
        int n = NETS.getAndIncrement();
        node = unreachableNode(n);
        net = "10.77." + n + ".";
        pool = pool(node, net, 3);
        image = InventoryRows.unique("debian") + ".qcow2";
        imageId = image(image, node, true);
    }

    /**
     * This class tests the request side: its nodes have usable credentials but nothing listens on their API port,
     * so the build that each create starts stays at its first PVE step, retrying with backoff, and the VM stays
     * creating while a test looks at what the request wrote. The whole flow is {@code VmCreateFlowTest}'s.
     */
    private long unreachableNode(int n) {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.pveNode(null, closedPort, "unreachable" + n, cipher.encrypt("unused-password"),
                String.join(":", Collections.nCopies(32, "AB")));
    }

    private long pool(long nodeId, String prefix, int addresses) {
        long id = rows.count("INSERT INTO ip_pool (node_id, name, prefix_length, gateway, dns1)"
                + " VALUES (?, ?, 24, CAST(? AS inet), CAST('9.9.9.9' AS inet)) RETURNING id",
                nodeId, InventoryRows.unique("pool"), prefix + "1");
        rows.execute("INSERT INTO ip_address (pool_id, node_id, ip_version, address)"
                + " SELECT ?, ?, 4, CAST(? AS inet) + g FROM generate_series(0, ?) g", id, nodeId, prefix + "10", addresses - 1);
        return id;
    }

    private long image(String fileName, long nodeId, boolean downloaded) {
        long id = rows.count("INSERT INTO os_image (name, file_name, type, arch, os_type, size_bytes, url)"
                + " VALUES (?, ?, 'linux', 'x86_64', 'debian', ?, 'https://images.example.org/x.qcow2') RETURNING id",
                fileName.replace(".qcow2", "") + " name", fileName, 3L * 1024 * 1024 * 1024);
        if (downloaded) {
            rows.execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location)"
                    + " VALUES (?, ?, 2, 100, 'PVE', ?)", id, nodeId, "local:import/" + fileName);
        }
        return id;
    }

    private Map<String, Object> body() {
        Map<String, Object> b = new HashMap<>();
        b.put("nodeid", node);
        b.put("os", image);
        return b;
    }

    private ValidatableResponse admin(Object body) {
        return Api.admin(root).contentType(ContentType.JSON).body(body).post("/admin/createVm").then().statusCode(200);
    }

    private ValidatableResponse publicCreate(String path, Object body, String idempotencyKey) {
        var spec = given().header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        return spec.post("/api/v1/pve/" + path).then().statusCode(200);
    }

    private void nothingLeftOnTheNode() {
        assertEquals(0, rows.count("SELECT count(*) FROM vm WHERE node_id = ?", node), "no VM row");
        assertEquals(0, rows.count("SELECT count(*) FROM ip_address WHERE node_id = ? AND (status <> 0 OR vm_id IS NOT NULL)", node),
                "no held address");
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE node_id = ?", node), "no VMID reservation");
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE node_id = ?", node), "no operation");
    }

    private void refused(Map<String, Object> body, int code, String field) {
        ValidatableResponse r = admin(body).body("code", equalTo(code)).body("data", nullValue());
        if (field != null) {
            r.body("message", containsString(field));
        }
        nothingLeftOnTheNode();
    }

    @Test
    void adminCreateWritesTheWholeRowHoldsAddressesAndVmidAndStartsThePlan() {
        Map<String, Object> b = body();
        String host = InventoryRows.unique("web");
        b.put("hostname", host);
        b.put("sockets", 2);
        b.put("cores", 2);
        b.put("memory", 2048);
        b.put("cpu", "host");
        b.put("nested", 1);
        b.put("kvm", 1);
        b.put("cpuUnits", 50);
        b.put("bwlimit", 10);
        b.put("bandwidth", 100);
        b.put("onBoot", 1);
        b.put("systemDiskSize", 20);
        b.put("dataDisk", Map.of("1", 40));
        b.put("mbpsRd", 100);
        b.put("iopsWr", 500);
        b.put("flowLimit", 2);
        b.put("expirationTime", 4_102_444_800L);
        b.put("unknownLegacyField", "ignored");
        JsonPath data = admin(b).body("code", equalTo(20000)).extract().jsonPath();
        long id = data.getLong("data.hostid");
        int vmid = data.getInt("data.vmid");
        assertEquals(6, data.getInt("data.status"));
        assertEquals(host, data.getString("data.hostname"));
        assertEquals("ip=" + net + "10/24,gw=" + net + "1", data.getString("data.ipConfig.1"));
        assertEquals(net + "10", data.getString("data.ipList[0]"));
        assertEquals("9.9.9.9", data.getString("data.dns1"));
        assertEquals("local-lvm", data.getString("data.storage"));
        assertEquals(40, data.getInt("data.dataDisk.1"));
        assertNotNull(data.get("data.operationId"));
        String password = data.getString("data.password");
        assertTrue(password.length() >= 12, password);

        Map<String, Object> row = row(id);
        assertEquals(vmid, row.get("vmid"));
        assertEquals("host", row.get("cpu"));
        assertEquals(5000, row.get("cpu_units"));
        assertEquals(10 * 1024, row.get("bwlimit_kbps"));
        assertEquals(100, row.get("bandwidth_mbps"));
        assertEquals(20, row.get("system_disk_gb"));
        assertEquals(100, row.get("disk_mbps_rd"));
        assertEquals(500, row.get("disk_iops_wr"));
        assertEquals("{\"1\": 40}", row.get("data_disk"));
        assertEquals("vmbr0", row.get("bridge"));
        assertEquals("{\"1\": \"ip=" + net + "10/24,gw=" + net + "1\"}", row.get("ip_config"));
        assertEquals("9.9.9.9", row.get("dns1"));
        assertEquals(imageId, ((Number) row.get("os_image_id")).longValue());
        assertEquals(image, row.get("os_file_name"));
        assertEquals("linux", row.get("os_type"));
        assertEquals("root", row.get("guest_username"));
        assertEquals(password, cipher.decrypt((byte[]) row.get("guest_password_enc")));
        assertEquals(Boolean.TRUE, row.get("nested"));
        assertEquals(Boolean.TRUE, row.get("on_boot"));
        assertEquals("x86_64", row.get("arch"));
        assertEquals(2048, row.get("memory_mb"));
        assertEquals(2L * 1024 * 1024 * 1024, ((Number) row.get("flow_limit_bytes")).longValue());
        assertEquals(4_102_444_800_000L, ((java.sql.Timestamp) row.get("expires_at")).getTime());
        assertEquals((short) 6, ((Number) row.get("status")).shortValue());
        assertNull(row.get("args"), "no CPU model, no args");
        assertNull(row.get("idempotency_key"));

        assertEquals(1, rows.count("SELECT count(*) FROM ip_address WHERE vm_id = ? AND status = 1 AND address = CAST(? AS inet)", id, net + "10"));
        assertEquals(1, rows.count("SELECT count(*) FROM vmid_reservation WHERE vm_id = ? AND vmid = ?", id, vmid));
        long op = data.getLong("data.operationId");
        assertEquals("CREATE_VM", rows.text("SELECT type FROM operation WHERE id = ? AND vm_id = ?", op, id));
        assertEquals("VM_CREATE_HOLD,VM_CREATE_DEFINE,VM_BUILD_DISKS,VM_BUILD_NETWORK,VM_BUILD_START,VM_BUILD_COMMIT",
                rows.text("SELECT string_agg(kind, ',' ORDER BY ordinal) FROM operation_step WHERE operation_id = ?", op));
        assertEquals(vmid, rows.count("SELECT (params->>'vmid')::int FROM operation WHERE id = ?", op));
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE id = ? AND params::text LIKE ?", op, "%" + password + "%"),
                "the password is not in the operation");
    }

    private Map<String, Object> row(long id) {
        Map<String, Object> m = new HashMap<>();
        try (var c = db.getConnection(); var ps = c.prepareStatement("SELECT *, data_disk::text AS data_disk,"
                + " ip_config::text AS ip_config, host(dns1) AS dns1 FROM vm WHERE id = ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                var meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    m.put(meta.getColumnLabel(i), rs.getObject(i));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    @Test
    void publicCreateAnswersTheVmCreatingWhenTheWaitRunsOutAndDefaultsTheHostnameFromItsAddress() {
        for (String path : List.of("cerateVM", "createVM")) {
            JsonPath data = publicCreate(path, body(), null).body("code", equalTo(20000)).extract().jsonPath();
            assertEquals(6, data.getInt("data.status"), "the build goes on: creating, not a failure");
            String ip = data.getString("data.ipList[0]");
            assertEquals(ip.replace('.', '-'), data.getString("data.hostname"));
            assertEquals(node, data.getLong("data.nodeid"));
            assertEquals("root", data.getString("data.username"));
            assertEquals(40, data.getInt("data.systemDiskSize"), "the global default for Linux");
            assertEquals(1, data.getInt("data.acpi"));
            assertEquals(Boolean.TRUE, data.get("data.kvm"));
            assertEquals("kvm64", data.getString("data.cpu"));
            assertEquals(512, data.getInt("data.memory"));
            assertEquals(1, data.getInt("data.bandwidth"));
            assertEquals(1, rows.count("SELECT count(*) FROM vm WHERE id = ? AND status = 6", data.getLong("data.hostid")));
        }
        // the legacy method leniency: PUT reaches the same create
        given().header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON).body(body())
                .put("/api/v1/pve/cerateVM").then().statusCode(200).body("code", equalTo(20000));
        assertEquals(3, rows.count("SELECT count(*) FROM vm WHERE node_id = ?", node));
    }

    @Test
    void anIdempotencyKeyRepeatAnswersTheFirstVm() {
        String key = InventoryRows.unique("order");
        JsonPath first = publicCreate("cerateVM", body(), key).body("code", equalTo(20000)).extract().jsonPath();
        JsonPath again = publicCreate("cerateVM", body(), key).body("code", equalTo(20000)).extract().jsonPath();
        assertEquals(first.getLong("data.hostid"), again.getLong("data.hostid"));
        assertEquals(first.getString("data.password"), again.getString("data.password"));
        assertEquals(1, rows.count("SELECT count(*) FROM vm WHERE node_id = ?", node));
        assertEquals(1, rows.count("SELECT count(*) FROM vmid_reservation WHERE node_id = ?", node));
        // another caller's identical key is its own
        Api.admin(root).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body()).post("/admin/createVm")
                .then().body("code", equalTo(20000));
        assertEquals(2, rows.count("SELECT count(*) FROM vm WHERE node_id = ?", node));
    }

    @Test
    void flavourValuesOverrideTheRequestAndModelsRenderArgs() {
        long flavour = Api.admin(root).contentType(ContentType.JSON).body(Map.of("name", InventoryRows.unique("f"),
                "cores", 4, "memory", 4096, "cpu", "host", "storage", "ceph-fast", "systemDiskSize", 30, "bandwidth", 50))
                .post("/admin/addConfiguretemplate").then().body("code", equalTo(20000)).extract().jsonPath().getLong("data.id");
        long cpuModel = rows.count("INSERT INTO cpu_model (name, family, model) VALUES ('Xeon Test', 6, 85) RETURNING id");
        long group = rows.count("INSERT INTO model_group (cpu_model_id, args) VALUES (?, ?) RETURNING id", cpuModel,
                "model-id='Xeon Test',family=6,model=85,l3-cache=off -smbios type=1,manufacturer='Acme'");
        Map<String, Object> b = body();
        b.put("configureTemplateId", flavour);
        b.put("memory", 1);
        b.put("cpu", "kvm65");
        b.put("modelGroup", group);
        long id = admin(b).body("code", equalTo(20000)).body("data.memory", equalTo(4096))
                .body("data.storage", equalTo("ceph-fast")).body("data.configureTemplateId", equalTo((int) flavour))
                .extract().jsonPath().getLong("data.hostid");
        assertNull(rows.text("SELECT args FROM vm WHERE id = ?", id), "the flavour names no model: the request's is discarded");
        assertEquals(30, rows.count("SELECT system_disk_gb FROM vm WHERE id = ?", id));

        Map<String, Object> withGroup = body();
        withGroup.put("cores", 4);
        withGroup.put("cpu", "host");
        withGroup.put("modelGroup", group);
        long grouped = admin(withGroup).body("code", equalTo(20000)).extract().jsonPath().getLong("data.hostid");
        assertEquals("-smp 4,sockets=1,cores=4,threads=1,maxcpus=4 -cpu host,model-id='Xeon Test',family=6,model=85,"
                        + "l3-cache=off,-vmx -smbios type=1,manufacturer='Acme'",
                rows.text("SELECT args FROM vm WHERE id = ?", grouped));
    }

    @Test
    void refusalsNameTheirFieldAndLeaveNothing() {
        Map<String, Object> b = body();
        b.remove("nodeid");
        admin(b).body("code", equalTo(1001)).body("message", containsString("nodeid"));
        refusedWith(b2 -> b2.put("nodeid", 999_999_999L), 1002, null);
        refusedWith(b2 -> b2.put("configureTemplateId", 999_999_999L), 1020, "configureTemplateId");
        refusedWith(b2 -> b2.put("cpu", "kvm65"), 1007, "cpu");
        refusedWith(b2 -> b2.put("nested", true), 1010, "nested");
        refusedWith(b2 -> b2.put("arch", "mips"), 1009, "arch");
        refusedWith(b2 -> b2.remove("os"), 1006, "os");
        refusedWith(b2 -> b2.put("os", "no-such-image"), 1014, "os");
        refusedWith(b2 -> b2.put("os", Long.toString(image(InventoryRows.unique("elsewhere") + ".qcow2", node, false))), 1015, "os");
        refusedWith(b2 -> b2.put("systemDiskSize", 2), 4000002, "systemDiskSize");
        refusedWith(b2 -> b2.put("hostname", "主机"), 1031, "hostname");
        refusedWith(b2 -> b2.put("storage", "local,size=9"), 4000002, "storage");
        refusedWith(b2 -> b2.put("bridge", "vmbr0,rate=9"), 4000002, "bridge");
        refusedWith(b2 -> b2.put("expirationTime", 12345L), 4000002, "expirationTime");
        refusedWith(b2 -> b2.put("memory", "lots"), 4000002, "memory");
        refusedWith(b2 -> b2.put("ipConfig", Map.of("1", "ip=192.0.2.77/24,gw=192.0.2.1")), 1004, null);
        refusedWith(b2 -> b2.put("ipv4num", 4), 1004, null);
        refusedWith(b2 -> b2.put("modelGroup", 999_999_999L), 4000002, "modelGroup");
        Api.admin(root).contentType(ContentType.JSON).body("{\"nodeid\":").post("/admin/createVm").then()
                .body("code", equalTo(4000001));
        nothingLeftOnTheNode();
    }

    private void refusedWith(java.util.function.Consumer<Map<String, Object>> edit, int code, String field) {
        Map<String, Object> b = body();
        edit.accept(b);
        refused(b, code, field);
    }

    @Test
    void aTakenHostnameIs1043AndAnOfflineNodeIs1003() {
        String host = InventoryRows.unique("taken");
        Map<String, Object> b = body();
        b.put("hostname", host);
        admin(b).body("code", equalTo(20000));
        b.put("hostname", host.toUpperCase());
        admin(b).body("code", equalTo(1043)).body("message", containsString("hostname"));
        assertEquals(1, rows.count("SELECT count(*) FROM vm WHERE node_id = ?", node));
        node = rows.node(null);
        rows.execute("UPDATE node SET status = 1 WHERE id = ?", node);
        refused(body(), 1003, "nodeid");
    }

    @Test
    void argsOnATokenNodeAreRefusedBeforeAnythingIsReserved() {
        rows.execute("UPDATE node SET auth_mode = 'TOKEN', token_id = 'ams' WHERE id = ?", node);
        long cpuModel = rows.count("INSERT INTO cpu_model (name) VALUES ('Token Test') RETURNING id");
        refusedWith(b -> b.put("cpuModel", cpuModel), 1001, "cpuModel");
        refusedWith(b -> {
            b.put("arch", "aarch64");
            b.put("cpu", "max");
        }, 1001, "arch");
        admin(body()).body("code", equalTo(20000));
    }

    @Test
    void twoCreatesOfOneHostnameAtOnceGiveOneVmAndOne1043() throws Exception {
        String host = InventoryRows.unique("race");
        Map<String, Object> b = body();
        b.put("hostname", host);
        List<Integer> codes = parallel(2, i -> admin(b).extract().jsonPath().getInt("code"));
        codes.sort(null);
        assertEquals(List.of(1043, 20000), codes);
        assertEquals(1, rows.count("SELECT count(*) FROM vm WHERE lower(hostname) = lower(?)", host));
        assertEquals(1, rows.count("SELECT count(*) FROM vmid_reservation WHERE node_id = ?", node));
    }

    @Test
    void fiftyConcurrentCreatesOnOnePoolGetDistinctVmidsAndAddressesOrAClean1004() throws Exception {
        rows.execute("INSERT INTO ip_address (pool_id, node_id, ip_version, address)"
                + " SELECT ?, ?, 4, CAST(? AS inet) + g FROM generate_series(3, 39) g", pool, node, net + "10");
        List<Integer> codes = parallel(50, i -> admin(body()).extract().jsonPath().getInt("code"));
        assertEquals(40, codes.stream().filter(c -> c == 20000).count(), codes.toString());
        assertEquals(10, codes.stream().filter(c -> c == 1004).count(), codes.toString());
        assertEquals(40, rows.count("SELECT count(*) FROM vm WHERE node_id = ?", node));
        assertEquals(40, rows.count("SELECT count(DISTINCT vmid) FROM vm WHERE node_id = ?", node));
        assertEquals(40, rows.count("SELECT count(DISTINCT vm_id) FROM ip_address WHERE node_id = ? AND status = 1", node));
        assertEquals(40, rows.count("SELECT count(*) FROM ip_address WHERE node_id = ? AND status = 1", node));
        assertEquals(40, rows.count("SELECT count(*) FROM vmid_reservation WHERE node_id = ? AND vm_id IS NOT NULL", node));
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE node_id = ? AND vm_id IS NULL", node),
                "the refused creates gave their VMIDs back");
        assertEquals(40, rows.count("SELECT count(*) FROM operation WHERE node_id = ? AND type = 'CREATE_VM'", node));
    }

    private interface Call {
        int run(int i);
    }

    private static List<Integer> parallel(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.run(k);
                }));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passwordsAreDistinctAndNeverInTheAuditLog() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            seen.add(admin(body()).body("code", equalTo(20000)).extract().jsonPath().getString("data.password"));
        }
        assertEquals(2, seen.size());
        for (String p : seen) {
            assertEquals(0, rows.count("SELECT count(*) FROM audit_log WHERE audit_log::text LIKE ?", "%" + p + "%"));
        }
    }
}
