package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VM read endpoints end to end: VM rows in the embedded database, their nodes in the PVE simulator. Node
 * "pve1" answers; "pve2" is stopped by the test of an unreachable node and stays down for the rest of the class.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmReadTest {
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1", "pve2")
            .clusterName("vmread"));
    static PveSimulator sim;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;

    String root;
    InventoryRows rows;

    /** Shared rows of the class, created once. */
    static Fixture f;

    record Fixture(String region, long node1, long node2, long vmUp, int vmidUp, String hostUp, long vmDown,
                   int vmidDown, long vmDeleted, long imageId, String appId, String appKey) {
    }

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        if (f == null) {
            f = fixture();
        }
    }

    private Fixture fixture() {
        String region = InventoryRows.unique("华东");
        long regionId = rows.count("INSERT INTO region (name) VALUES (?) RETURNING id", region);
        long n1 = pve.node("pve1", regionId);
        long n2 = pve.node("pve2", regionId);
        String fileName = InventoryRows.unique("debian") + ".qcow2";
        long image = rows.count("INSERT INTO os_image (name, file_name, type, os_type, download_type) VALUES (?, ?, 'linux',"
                + " 'debian', 1) RETURNING id", InventoryRows.unique("Debian-12"), fileName);
        String hostUp = InventoryRows.unique("web");
        long up = rows.vm(n1, 4101, hostUp, cipher.encrypt("Gu3st-Pass"),
                "{\"1\": \"ip=192.0.2.41/24,gw=192.0.2.1,ip6=2001:db8::41/64,gw6=2001:db8::1\"}", 0);
        rows.execute("UPDATE vm SET os_image_id = ? WHERE id = ?", image, up);
        sim.addVm("pve1", 4101, hostUp, 1024, 2, true);
        long down = rows.vm(n2, 4102, InventoryRows.unique("db"), cipher.encrypt("x"),
                "{\"1\": \"ip=192.0.2.42/24,gw=192.0.2.1\"}", 1);
        sim.addVm("pve2", 4102, "db", 1024, 2, false);
        long deleted = rows.vm(n1, 4103, InventoryRows.unique("gone"), cipher.encrypt("x"), "{}", 1);
        rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = ?", deleted);
        SimulatedPve.ApiKey key = pve.apiKey("vm-read");
        return new Fixture(region, n1, n2, up, 4101, hostUp, down, 4102, deleted, image, key.appId(), key.appKey());
    }

    private ValidatableResponse admin(String path) {
        return Api.admin(root).get("/admin/" + path).then().statusCode(200);
    }

    private ValidatableResponse api(String path) {
        return given().header("Authorization", Api.basic(f.appId(), f.appKey())).get("/api/v1/" + path).then()
                .statusCode(200);
    }

    private static void refused(ValidatableResponse r, int code, String field) {
        r.body("code", equalTo(code)).body("message", containsString(field)).body("data", nullValue());
    }

    // ---------------------------------------------------------------------------------------------------- lists

    @Test
    void aPageShowsLiveDataForTheAnsweringNodeAndStoredDataForTheOtherOne() {
        JsonPath page = admin("getVmByParam?param=nodeid&value=" + f.node1() + "&page=1&size=10")
                .body("code", equalTo(20000)).body("data", not(hasKey("orders")))
                .body("data.total", equalTo(1)).body("data.current", equalTo(1)).body("data.pages", equalTo(1))
                .extract().jsonPath();
        String r = "data.records[0].";
        assertEquals(f.vmUp(), page.getLong(r + "vmhost.id"));
        assertEquals(f.hostUp(), page.getString(r + "vmhost.hostname"));
        assertEquals(4101, page.getInt(r + "vmhost.vmid"));
        assertEquals(0, page.getInt(r + "vmhost.status"));
        assertEquals(2, page.getInt(r + "vmhost.cores"));
        assertEquals(1024, page.getInt(r + "vmhost.memory"));
        assertEquals("ip=192.0.2.41/24,gw=192.0.2.1,ip6=2001:db8::41/64,gw6=2001:db8::1",
                page.getString(r + "vmhost.ipConfig.'1'"));
        org.junit.jupiter.api.Assertions.assertNull(page.get(r + "vmhost.password"), "lists never show the guest password");
        assertEquals(f.region(), page.getString(r + "area"));
        assertTrue(page.getString(r + "os.name").startsWith("Debian-12"));
        assertEquals("debian", page.getString(r + "os.osType"));
        assertTrue(page.getBoolean(r + "live"));
        assertEquals("running", page.getString(r + "current.data.status"));
        assertTrue(page.getLong(r + "current.data.maxmem") > 0);
        assertEquals(12345, page.getInt(r + "current.data.nics.tap4101i0.netin"));
        assertEquals(2048, page.getInt(r + "current.data.blockstat.scsi0.wr_bytes"));
        org.junit.jupiter.api.Assertions.assertNull(page.get(r + "rrddata"));

        sim.node("pve2").stop();
        JsonPath both = admin("getVmByPageOrderByCreateTime?page=1&size=3").body("code", equalTo(20000))
                .extract().jsonPath();
        List<Map<String, Object>> records = both.getList("data.records");
        Map<String, Object> down = record(records, f.vmDown());
        Map<String, Object> up = record(records, f.vmUp());
        assertEquals(false, down.get("live"));
        assertTrue(List.of("NODE_UNREACHABLE", "TIMEOUT").contains(down.get("liveProblem")), String.valueOf(down));
        assertEquals("unknown", data(down).get("status"));
        assertEquals(Map.of(), data(down).get("nics"));
        assertEquals(1, ((Map<?, ?>) down.get("vmhost")).get("status"), "the stored status");
        assertEquals(true, up.get("live"));
        assertEquals("running", data(up).get("status"));
        // the node is not asked again for a while: the next page answers from stored data at once
        JsonPath again = admin("getVmByParam?param=nodeid&value=" + f.node2()).extract().jsonPath();
        assertEquals("NODE_UNREACHABLE", again.getString("data.records[0].liveProblem"));
        // newest first: the three VMs of this fixture lead, the deleted one is not listed
        assertFalse(records.stream().anyMatch(x -> ((Number) ((Map<?, ?>) x.get("vmhost")).get("id")).longValue() == f.vmDeleted()));
    }

    /** The page's ids are picked first, then joined: each page holds the right rows, in order, and one node read. */
    @Test
    void pagesWalkTheRowsInOrderWithoutGapsOrRepeats() {
        // an offline node of its own: its VMs get stored data, no PVE call, and no other test's totals move
        long node = rows.pveNode(null, sim.node("pve1").port(), InventoryRows.unique("pvepage"),
                cipher.encrypt(PveSimulator.ROOT_PASSWORD), sim.node("pve1").fingerprint());
        rows.execute("UPDATE node SET status = 1 WHERE id = ?", node);
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(rows.vm(node, 4300 + i, InventoryRows.unique("page"), cipher.encrypt("x"), "{}", 0));
        }
        long gone = rows.vm(node, 4399, InventoryRows.unique("binned"), cipher.encrypt("x"), "{}", 0);
        rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = ?", gone);
        try {
            walk(node, ids);
        } finally {
            // the class's other tests expect their fixture to be the newest VMs
            rows.execute("DELETE FROM vm WHERE node_id = ?", node);
            rows.execute("DELETE FROM node WHERE id = ?", node);
        }
    }

    private void walk(long node, List<Long> ids) {
        List<Long> seen = new java.util.ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            JsonPath page = admin("getVmByParam?param=nodeid&value=" + node + "&page=" + p + "&size=2")
                    .body("code", equalTo(20000)).body("data.total", equalTo(5)).body("data.pages", equalTo(3))
                    .body("data.current", equalTo(p)).extract().jsonPath();
            seen.addAll(page.getList("data.records.vmhost.id", Long.class));
            assertEquals(List.of("NODE_OFFLINE"), page.getList("data.records.liveProblem", String.class).stream()
                    .distinct().toList());
        }
        assertEquals(ids, seen, "by id, each live VM once, the deleted one left out");
        admin("getVmByParam?param=nodeid&value=" + node + "&page=4&size=2").body("data.total", equalTo(5))
                .body("data.records", equalTo(List.of()));
        // newest first: the later created_at leads whatever the id
        rows.execute("UPDATE vm SET created_at = now() + interval '1 day' WHERE id = ?", ids.get(0));
        rows.execute("UPDATE vm SET created_at = now() + interval '2 days' WHERE id = ?", ids.get(3));
        admin("getVmByPageOrderByCreateTime?page=1&size=2").body("data.records.vmhost.id",
                equalTo(List.of(ids.get(3).intValue(), ids.get(0).intValue())));
        admin("getVmByPageOrderByCreateTime?page=2&size=1").body("data.records[0].vmhost.id",
                equalTo(ids.get(0).intValue()));
    }

    private static Map<String, Object> record(List<Map<String, Object>> records, long id) {
        return records.stream().filter(x -> ((Number) ((Map<?, ?>) x.get("vmhost")).get("id")).longValue() == id)
                .findFirst().orElseThrow(() -> new AssertionError("VM " + id + " not in " + records));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> record) {
        return (Map<String, Object>) ((Map<String, Object>) record.get("current")).get("data");
    }

    @Test
    void searchByEachParamAnswersThePageShape() {
        admin("getVmByParam?param=hostname&value=" + f.hostUp().toUpperCase()).body("data.total", equalTo(1))
                .body("data.records[0].vmhost.id", equalTo((int) f.vmUp()));
        admin("getVmByParam?param=vmid&value=4101").body("data.records.vmhost.id", org.hamcrest.Matchers.hasItem((int) f.vmUp()))
                .body("data", hasKey("records"));
        admin("getVmByParam?param=ip&value=192.0.2.41").body("data.total", equalTo(1))
                .body("data.records[0].vmhost.ipList", equalTo(List.of("192.0.2.41", "2001:db8::41")))
                .body("data.records[0].vmhost.ipData[0].subnetMask", equalTo(24))
                .body("data.records[0].vmhost.ipData[0].gateway", equalTo("192.0.2.1"));
        admin("getVmByParam?param=ip&value=2001:db8::41").body("data.total", equalTo(1));
        admin("getVmByParam?param=vmid&value=4103").body("data.total", equalTo(0)).body("data.records", equalTo(List.of()));
        admin("getVmByParam?param=status&value=1&size=100").body("code", equalTo(20000));
        refused(admin("getVmByParam?param=password&value=x"), 4000002, "param");
        refused(admin("getVmByParam?value=x"), 4000002, "param");
        refused(admin("getVmByParam?param=vmid"), 4000002, "value");
        refused(admin("getVmByParam?param=vmid&value=abc"), 4000002, "value");
        refused(admin("getVmByParam?param=ip&value=1.2.3"), 4000002, "value");
    }

    @Test
    void countsAndStatusListsLeaveDeletedVmsOut() {
        long live = rows.count("SELECT count(*) FROM vm WHERE delete_state = 0");
        long stopped = rows.count("SELECT count(*) FROM vm WHERE delete_state = 0 AND status = 1");
        admin("getVmCount").body("code", equalTo(20000)).body("data", equalTo((int) live));
        admin("getVmCountByStatus?status=1").body("data", equalTo((int) stopped));
        admin("getVmByStatus?status=1&page=1&size=100").body("data.total", equalTo((int) stopped))
                .body("data.records.vmhost.status", org.hamcrest.Matchers.everyItem(equalTo(1)))
                .body("data.records.vmhost.id", not(org.hamcrest.Matchers.hasItem((int) f.vmDeleted())));
        refused(admin("getVmCountByStatus?status=16"), 4000002, "status");
        refused(admin("getVmCountByStatus"), 4000002, "status");
        refused(admin("getVmByStatus?status=x"), 4000002, "status");
        refused(admin("getVmByPage?page=0"), 4000002, "page");
        refused(admin("getVmByPage?size=abc"), 4000002, "size");
        refused(admin("getVmByPageOrderByCreateTime?size=100000"), 4000002, "size");
        admin("getVmByPage?page=1&size=5").body("code", equalTo(20000)).body("data.size", equalTo(5))
                .body("data.total", equalTo((int) live));
    }

    // ----------------------------------------------------------------------------------------------------- info

    @Test
    void adminInfoShowsTheGuestPasswordLiveStatusAndADayOfRrd() {
        JsonPath info = admin("getVmHostInfo?hostId=" + f.vmUp()).body("code", equalTo(20000)).extract().jsonPath();
        assertEquals("Gu3st-Pass", info.getString("data.vmhost.password"));
        assertEquals("root", info.getString("data.vmhost.username"));
        assertEquals(f.node1(), info.getLong("data.vmhost.nodeid"));
        assertEquals(20, info.getInt("data.vmhost.systemDiskSize"));
        assertEquals(0, info.getInt("data.vmhost.ifnat"));
        assertTrue(info.getLong("data.vmhost.expirationTime") > info.getLong("data.vmhost.createTime"));
        assertEquals(f.region(), info.getString("data.area"));
        assertEquals("running", info.getString("data.current.data.status"));
        assertEquals(2048, info.getInt("data.current.data.blockstat.scsi0.wr_bytes"));
        assertEquals(70, info.getList("data.rrddata.data").size());
        assertTrue(info.getMap("data.rrddata.data[0]").containsKey("time"));
        assertTrue(info.getMap("data.rrddata.data[0]").containsKey("cpu"));
        // the stored row is left as it was: reads write nothing
        assertEquals(0L, rows.count("SELECT status FROM vm WHERE id = ?", f.vmUp()));
    }

    @Test
    void unknownOrPurgedHostsAndBadIdsAreRefused() {
        refused(admin("getVmHostInfo"), 4000002, "hostId");
        refused(admin("getVmHostInfo?hostId=abc"), 4000002, "hostId");
        admin("getVmHostInfo?hostId=999999999").body("code", equalTo(1016)).body("data", nullValue());
        admin("getVmHostInfo?hostId=" + f.vmDeleted()).body("code", equalTo(1016));
        admin("getVmHostRrdData?hostId=999999999").body("code", equalTo(1016));
        refused(admin("getVmHostRrdData?hostId=" + f.vmUp() + "&timeframe=minute"), 4000002, "timeframe");
        refused(admin("getVmHostRrdData?hostId=" + f.vmUp() + "&cf=MIN"), 4000002, "cf");
        refused(admin("getVmHostRrdData?timeframe=hour"), 4000002, "hostId");
    }

    @Test
    void rrdRowsComeFromPveAndADownNodeIsRefusedWithoutAStall() {
        JsonPath rrd = admin("getVmHostRrdData?hostId=" + f.vmUp() + "&timeframe=hour&cf=AVERAGE")
                .body("code", equalTo(20000)).extract().jsonPath();
        assertEquals(70, rrd.getList("data").size());
        assertTrue(rrd.getMap("data[0]").containsKey("netin"));
        api("pve/getVmHostRrdData?hostId=" + f.vmUp() + "&timeframe=week&cf=MAX").body("code", equalTo(20000))
                .body("data.size()", equalTo(70));
        sim.node("pve2").stop();
        admin("getVmHostRrdData?hostId=" + f.vmDown()).body("code", equalTo(1003)).body("data", nullValue());
        admin("getVmHostInfo?hostId=" + f.vmDown()).body("code", equalTo(20000))
                .body("data.live", equalTo(false)).body("data.current.data.status", equalTo("unknown"))
                .body("data.rrddata.data", equalTo(List.of())).body("data.vmhost.password", equalTo("x"));
    }

    // ----------------------------------------------------------------------------------------------- public API

    @Test
    void publicInfoFindsTheVmByRowIdOrVmidAndShowsTheGuestLogin() {
        // billing panels show the customer the guest login (clients.md §7): decrypted as the admin page shows it
        api("pve/getVmInfo?hostId=" + f.vmUp()).body("code", equalTo(20000))
                .body("data.vmhost.id", equalTo((int) f.vmUp())).body("data.vmhost.password", equalTo("Gu3st-Pass"))
                .body("data.vmhost.username", equalTo("root"))
                .body("data.vmhost.ipConfig.'1'", containsString("ip=192.0.2.41/24"))
                .body("data.vmhost.ipList[0]", equalTo("192.0.2.41"))
                .body("data.vmhost.osName", equalTo("Debian 12"))
                .body("data.current.data.status", equalTo("running"))
                .body("data.rrddata.data.size()", equalTo(70));
        api("pve/getVmInfo?hostId=" + f.vmidUp()).body("code", equalTo(20000))
                .body("data.vmhost.id", equalTo((int) f.vmUp())).body("data.vmhost.password", equalTo("Gu3st-Pass"));
        api("pve/getVmInfo?hostId=4103").body("code", equalTo(1016));
        refused(api("pve/getVmInfo"), 4000002, "hostId");
        api("pve/getVmByPage?page=1&size=2").body("code", equalTo(20000)).body("data.size", equalTo(2));
        api("pve/getVmByPageOrderByCreateTime?page=1&size=2").body("code", equalTo(20000));
        api("pve/getVmByParam?param=vmid&value=4101").body("code", equalTo(20000));
        api("pve/getVmByStatus?status=0").body("code", equalTo(20000));
        api("pve/getVmCount").body("code", equalTo(20000))
                .body("data", equalTo((int) rows.count("SELECT count(*) FROM vm WHERE delete_state = 0")));
        api("pve/getVmCountByStatus?status=0").body("code", equalTo(20000));
        refused(api("pve/getVmByStatus?status=99"), 4000002, "status");
        api("kvm/getVmInfo?hostId=" + f.vmUp()).body("code", equalTo(501001));
    }

    @Test
    void publicEndpointsNeedAnApiKeyAndAdminEndpointsAnAdminToken() {
        given().get("/api/v1/pve/getVmInfo?hostId=" + f.vmUp()).then().statusCode(401).body("code", equalTo(501002));
        given().header("Authorization", Api.basic(f.appId(), "0".repeat(34))).get("/api/v1/pve/getVmByPage").then()
                .statusCode(200).body("code", equalTo(501002));
        given().header("Authorization", root).get("/api/v1/pve/getVmCount").then()
                .body("code", anyOf(equalTo(501002)));
        given().get("/admin/getVmByPage").then().statusCode(200).body("code", equalTo(501002));
        given().header("Authorization", Api.basic(f.appId(), f.appKey())).get("/admin/getVmHostInfo?hostId=" + f.vmUp())
                .then().statusCode(200).body("code", equalTo(501002));
    }
}
