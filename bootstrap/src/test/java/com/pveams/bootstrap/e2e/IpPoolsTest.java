package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class IpPoolsTest {
    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource ds;

    private InventoryRows rows() {
        return new InventoryRows(ds);
    }
    String root;
    long node;

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        node = rows().node(null);
    }

    private Map<String, Object> mask(String name, String gateway, Object mask) {
        Map<String, Object> body = new HashMap<>();
        body.put("poolName", name);
        body.put("nodeId", node);
        body.put("gateway", gateway);
        body.put("mask", mask);
        body.put("dns1", gateway.contains(":") ? "2001:4860:4860::8888" : "114.114.114.114");
        body.put("dns2", gateway.contains(":") ? "2001:4860:4860::8844" : "8.8.8.8");
        return body;
    }

    private ValidatableResponse post(String path, Object body) {
        return Api.admin(root).body(body).post("/admin/" + path).then().statusCode(200);
    }

    private long create(String name, String gateway, int mask) {
        return post("insertIpPoolByMask", mask(name, gateway, mask)).body("code", equalTo(20000))
                .extract().jsonPath().getLong("data.id");
    }

    private void refused(ValidatableResponse r, int code, String field) {
        r.body("code", equalTo(code)).body("message", containsString(field));
    }

    private long rows(long poolId) {
        return rows().count("SELECT count(*) FROM ip_address WHERE pool_id = ?", poolId);
    }

    private Map<String, Object> range(long poolId, String start, String end) {
        return Map.of("poolId", poolId, "startIp", start, "endIp", end, "dns1", "114.114.114.114", "dns2", "8.8.8.8");
    }

    @Test
    void a24ListsEveryHostButNetworkBroadcastAndGateway() {
        post("insertIpPoolByMask", mask("美国1", "192.168.1.1", 24)).body("code", equalTo(20000))
                .body("message", equalTo("请求成功"))
                .body("data.name", equalTo("美国1")).body("data.nodeid", equalTo((int) node))
                .body("data.available", equalTo(253)).body("data.used", equalTo(0)).body("data.disable", equalTo(0));
        long id = rows().count("SELECT id FROM ip_pool WHERE node_id = ? AND name = '美国1'", node);
        assertEquals(253, rows(id));
        assertEquals(0, rows().count("SELECT count(*) FROM ip_address WHERE pool_id = ? AND address IN "
                + "('192.168.1.0', '192.168.1.1', '192.168.1.255')", id));
        assertEquals("192.168.1.2", rows().text("SELECT host(min(address)) FROM ip_address WHERE pool_id = ?", id));
        assertEquals("192.168.1.254", rows().text("SELECT host(max(address)) FROM ip_address WHERE pool_id = ?", id));

        String find = "data.records.find { it.id == " + id + " }.";
        Api.admin(root).get("/admin/selectIpPoolList?page=1&size=500").then().statusCode(200).body("code", equalTo(20000))
                .body(find + "name", equalTo("美国1")).body(find + "nodeid", equalTo((int) node))
                .body(find + "gateway", equalTo("192.168.1.1")).body(find + "mask", equalTo(24))
                .body(find + "dns1", equalTo("114.114.114.114")).body(find + "dns2", equalTo("8.8.8.8"))
                .body(find + "available", equalTo(253)).body(find + "used", equalTo(0)).body(find + "disable", equalTo(0))
                .body("data.current", equalTo(1)).body("data.size", equalTo(500)).body("data.orders", hasSize(0))
                .body("data.searchCount", equalTo(true)).body("data.total", notNullValue()).body("data.pages", notNullValue());

        Api.admin(root).get("/admin/selectIpListByPoolId?poolid=" + id + "&page=2&size=50").then().body("code", equalTo(20000))
                .body("data.total", equalTo(253)).body("data.size", equalTo(50)).body("data.current", equalTo(2))
                .body("data.pages", equalTo(6)).body("data.records", hasSize(50))
                .body("data.records[0].ip", equalTo("192.168.1.52"))
                .body("data.records[0].subnetMask", equalTo("255.255.255.0"))
                .body("data.records[0].gateway", equalTo("192.168.1.1"))
                .body("data.records[0].dns1", equalTo("114.114.114.114")).body("data.records[0].dns2", equalTo("8.8.8.8"))
                .body("data.records[0].nodeId", equalTo((int) node)).body("data.records[0].poolId", equalTo((int) id))
                .body("data.records[0].vmId", nullValue()).body("data.records[0].status", equalTo(0))
                .body("data.records[0].id", notNullValue());
    }

    @Test
    void a30HasOneAddressAndA31OneBesideItsGateway_Rfc3021() {
        long p30 = create("p30", "10.30.0.1", 30);
        assertEquals(1, rows(p30));
        Api.admin(root).get("/admin/selectIpListByPoolId?poolid=" + p30).then()
                .body("data.records.ip", equalTo(List.of("10.30.0.2")))
                .body("data.records[0].subnetMask", equalTo("255.255.255.252"));
        long p31 = create("p31", "10.31.0.1", 31);
        Api.admin(root).get("/admin/selectIpListByPoolId?poolid=" + p31).then()
                .body("data.records.ip", equalTo(List.of("10.31.0.0")))
                .body("data.records[0].subnetMask", equalTo("255.255.255.254"));
    }

    @Test
    void a32IsARoutedPoolFilledByRanges() {
        long p = create("routed", "203.0.113.1", 32);
        assertEquals(0, rows(p));
        post("insertIpPoolByRange", range(p, "198.51.100.8", "198.51.100.15")).body("code", equalTo(20000))
                .body("data.available", equalTo(8));
        Api.admin(root).get("/admin/selectIpListByPoolId?poolid=" + p + "&size=1").then()
                .body("data.records[0].ip", equalTo("198.51.100.8"))
                .body("data.records[0].subnetMask", equalTo("255.255.255.255"))
                .body("data.records[0].gateway", equalTo("203.0.113.1"));
        refused(post("insertIpPoolByRange", range(p, "203.0.113.1", "203.0.113.2")), 4000002, "startIp");
        // a second routed pool of the node cannot list the same addresses
        long other = create("routed2", "203.0.113.1", 32);
        refused(post("insertIpPoolByRange", range(other, "198.51.100.1", "198.51.100.8")), 4000002, "endIp");
        assertEquals(0, rows(other));
    }

    @Test
    void a16IsInsertedInOneGo() {
        post("insertIpPoolByMask", mask("big", "10.16.0.1", 16)).body("code", equalTo(20000))
                .body("data.available", equalTo(65_533));
        long id = rows().count("SELECT id FROM ip_pool WHERE node_id = ? AND name = 'big'", node);
        assertEquals(65_533, rows(id));
        assertEquals(0, rows().count("SELECT count(*) FROM ip_address WHERE pool_id = ? AND address IN "
                + "('10.16.0.0', '10.16.0.1', '10.16.255.255')", id));
        refused(post("insertIpPoolByMask", mask("huge", "10.14.0.1", 15)), 4000002, "mask");
    }

    @Test
    void ipv6PoolsStoreThePrefixOnlyAndListAllocatedAddresses() {
        String body = post("insertIpPoolByMask", mask("v6", "2001:db8:1:2::1", 64)).body("code", equalTo(20000))
                .body("data.mask", equalTo(64)).body("data.ipVersion", equalTo(6))
                .body("data.gateway", equalTo("2001:db8:1:2::1")).body("data.dns1", equalTo("2001:4860:4860::8888"))
                .extract().asString();
        assertTrue(body.contains("\"available\":18446744073709551614"), body); // 2^64 minus anycast and gateway
        long id = rows().count("SELECT id FROM ip_pool WHERE node_id = ? AND name = 'v6'", node);
        assertEquals(0, rows(id));
        assertEquals(6, rows().count("SELECT ip_version FROM ip_pool WHERE id = ?", id));
        refused(post("insertIpPoolByRange", Map.of("poolId", id, "startIp", "2001:db8:1:2::10", "endIp", "2001:db8:1:2::20")),
                4000002, "poolId");
        refused(post("insertIpPoolByMask", mask("v6b", "2001:db8:1:2:8000::1", 65)), 4000002, "gateway");
        refused(post("insertIpPoolByMask", mask("v6c", "2001:db8:1:2::1", 128)), 4000002, "mask");

        // an allocation (another issue) materialises a row; the pool lists it and counts it
        long vm = rows().vm(node, 600);
        rows().execute("INSERT INTO ip_address (pool_id, node_id, ip_version, address, status, vm_id, vm_delete_state) "
                + "VALUES (?, ?, 6, '2001:db8:1:2::a', 1, ?, 0)", id, node, vm);
        Api.admin(root).get("/admin/selectIpListByPoolId?poolid=" + id).then()
                .body("data.total", equalTo(1)).body("data.records[0].ip", equalTo("2001:db8:1:2::a"))
                .body("data.records[0].subnetMask", equalTo("64")).body("data.records[0].vmId", equalTo(600))
                .body("data.records[0].status", equalTo(1));
        String list = Api.admin(root).get("/admin/selectIpPoolList?size=500").then().extract().asString();
        assertTrue(list.contains("\"available\":18446744073709551613"), list);
        // the held address blocks the deletion of its pool
        Api.admin(root).delete("/admin/deleteIpPool/" + id).then().body("code", equalTo(1028));
    }

    @Test
    void overlappingAndDuplicateAddressesAreRefusedNamingTheField() {
        long p = create("base", "172.16.0.1", 24);
        // every address of the network is listed: a range inside it duplicates them
        refused(post("insertIpPoolByRange", range(p, "172.16.0.10", "172.16.0.20")), 4000002, "startIp");
        post("insertIpPoolByRange", range(p, "172.16.0.10", "172.16.0.20")).body("message", containsString("已在本 IP 池中"));
        // the same network again, or one overlapping it, on the same node
        refused(post("insertIpPoolByMask", mask("again", "172.16.0.1", 24)), 4000002, "gateway");
        refused(post("insertIpPoolByMask", mask("wider", "172.16.1.1", 23)), 4000002, "gateway");
        refused(post("insertIpPoolByMask", mask("inner", "172.16.0.129", 25)), 4000002, "gateway");
        // another node may use the same network
        long otherNode = node;
        node = rows().node(null);
        create("base", "172.16.0.1", 24);
        node = otherNode;
        // the same name on the same node
        refused(post("insertIpPoolByMask", mask("base", "172.17.0.1", 24)), 4000002, "poolName");

        // moving the gateway leaves the old one unlisted; a range re-adds it, overlapping ranges are refused
        Api.admin(root).body(Map.of("id", p, "gateway", "172.16.0.254")).put("/admin/updateIpPool").then()
                .body("code", equalTo(20000)).body("data.gateway", equalTo("172.16.0.254"))
                .body("data.available", equalTo(252));
        assertEquals(3, rows().count("SELECT status FROM ip_address WHERE pool_id = ? AND address = '172.16.0.254'", p));
        post("insertIpPoolByRange", range(p, "172.16.0.1", "172.16.0.1")).body("code", equalTo(20000))
                .body("data.available", equalTo(253));
        refused(post("insertIpPoolByRange", range(p, "172.16.0.1", "172.16.0.3")), 4000002, "startIp");
        assertEquals(254, rows(p));
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsWritten() {
        long pools = rows().count("SELECT count(*) FROM ip_pool");
        Map<String, Object> b = mask("x", "10.50.0.1", 24);
        b.remove("poolName");
        refused(post("insertIpPoolByMask", b), 4000002, "poolName");
        b = mask("x", "10.50.0.1", 24);
        b.remove("nodeId");
        refused(post("insertIpPoolByMask", b), 4000002, "nodeId");
        b = mask("x", "10.50.0.1", 24);
        b.put("nodeId", 987654321);
        refused(post("insertIpPoolByMask", b), 1002, "nodeId");
        refused(post("insertIpPoolByMask", mask("x", "10.50.0.300", 24)), 4000002, "gateway");
        refused(post("insertIpPoolByMask", mask("x", "gw.example.com", 24)), 4000002, "gateway");
        refused(post("insertIpPoolByMask", mask("x", "10.50.0.0", 24)), 4000002, "gateway");
        refused(post("insertIpPoolByMask", mask("x", "10.50.0.255", 24)), 4000002, "gateway");
        refused(post("insertIpPoolByMask", mask("x", "10.50.0.1", 33)), 4000002, "mask");
        refused(post("insertIpPoolByMask", mask("x", "10.50.0.1", "24a")), 4000002, "mask");
        b = mask("x", "10.50.0.1", 24);
        b.remove("mask");
        refused(post("insertIpPoolByMask", b), 4000002, "mask");
        b = mask("x", "10.50.0.1", 24);
        b.put("dns1", "2001:4860:4860::8888");
        refused(post("insertIpPoolByMask", b), 4000002, "dns1");
        b = mask("x", "10.50.0.1", 24);
        b.put("dns2", "8.8.8");
        refused(post("insertIpPoolByMask", b), 4000002, "dns2");
        b = mask("x", "10.50.0.1", 24);
        b.put("ipVersion", 6);
        refused(post("insertIpPoolByMask", b), 4000002, "ipVersion");
        Api.admin(root).body("{").post("/admin/insertIpPoolByMask").then().body("code", equalTo(4000001));
        Api.admin(root).post("/admin/insertIpPoolByMask").then().body("code", equalTo(4000002));
        assertEquals(pools, rows().count("SELECT count(*) FROM ip_pool"));

        long p = create("ranges", "10.60.0.1", 29);
        refused(post("insertIpPoolByRange", range(987654321, "10.60.0.2", "10.60.0.3")), 1027, "poolId");
        refused(post("insertIpPoolByRange", Map.of("startIp", "10.60.0.2", "endIp", "10.60.0.3")), 4000002, "poolId");
        refused(post("insertIpPoolByRange", range(p, "10.60.0.5", "10.60.0.3")), 4000002, "endIp");
        refused(post("insertIpPoolByRange", range(p, "10.60.0.0", "10.60.0.3")), 4000002, "startIp");
        refused(post("insertIpPoolByRange", range(p, "10.60.0.5", "10.60.0.7")), 4000002, "endIp");
        refused(post("insertIpPoolByRange", range(p, "10.60.0.5", "10.60.0.9")), 4000002, "endIp");
        refused(post("insertIpPoolByRange", range(p, "x", "10.60.0.9")), 4000002, "startIp");
        refused(post("insertIpPoolByRange", Map.of("poolId", p, "startIp", "10.60.0.2", "endIp", "10.60.0.2", "dns1", "1.1.1.1")),
                4000002, "dns1");
        assertEquals(5, rows(p));

        refused(Api.admin(root).get("/admin/selectIpListByPoolId").then(), 4000002, "poolid");
        refused(Api.admin(root).get("/admin/selectIpListByPoolId?poolid=987654321").then(), 1027, "poolid");
        refused(Api.admin(root).get("/admin/selectIpListByPoolId?poolid=" + p + "&size=100000").then(), 4000002, "size");
        refused(Api.admin(root).get("/admin/selectIpPoolList?page=0").then(), 4000002, "page");
        refused(Api.admin(root).delete("/admin/deleteIpPool/abc").then(), 4000002, "poolId");
        refused(Api.admin(root).delete("/admin/deleteIpPool/987654321").then(), 1027, "poolId");
    }

    @Test
    void updateIpPoolChangesNameAndDnsButNotItsNetworkOrNode() {
        long p = create("edit", "10.70.0.1", 28);
        // the UI sends the listed row back, counters included (POST is accepted too)
        Map<String, Object> row = new HashMap<>(Map.of("id", p, "name", "edited", "gateway", "10.70.0.1", "mask", 28,
                "dns1", "1.1.1.1", "dns2", "1.0.0.1", "nodeid", node, "available", 13, "used", 0, "disable", 0));
        Api.admin(root).body(row).post("/admin/updateIpPool").then().body("code", equalTo(20000))
                .body("data.name", equalTo("edited")).body("data.dns1", equalTo("1.1.1.1")).body("data.mask", equalTo(28));
        assertEquals("1.1.1.1", rows().text("SELECT host(dns1) FROM ip_pool WHERE id = ?", p));
        Api.admin(root).get("/admin/selectIpListByPoolId?poolid=" + p + "&size=1").then()
                .body("data.records[0].dns1", equalTo("1.1.1.1")).body("data.records[0].dns2", equalTo("1.0.0.1"));
        refused(Api.admin(root).body(Map.of("id", p, "mask", 24)).put("/admin/updateIpPool").then(), 4000002, "mask");
        refused(Api.admin(root).body(Map.of("id", p, "nodeid", node + 1000)).put("/admin/updateIpPool").then(), 4000002, "nodeid");
        refused(Api.admin(root).body(Map.of("id", p, "gateway", "10.70.1.1")).put("/admin/updateIpPool").then(), 4000002, "gateway");
        refused(Api.admin(root).body(Map.of("id", p, "dns2", "::1")).put("/admin/updateIpPool").then(), 4000002, "dns2");
        refused(Api.admin(root).body(Map.of("name", "n")).put("/admin/updateIpPool").then(), 4000002, "id");
        refused(Api.admin(root).body(Map.of("id", 987654321)).put("/admin/updateIpPool").then(), 1027, "id");
        create("taken", "10.71.0.1", 28);
        refused(Api.admin(root).body(Map.of("id", p, "name", "taken")).put("/admin/updateIpPool").then(), 4000002, "name");
        assertEquals("edited", rows().text("SELECT name FROM ip_pool WHERE id = ?", p));
        // a held address cannot become the gateway
        long vm = rows().vm(node, 701);
        rows().hold(p, "10.70.0.5", vm);
        refused(Api.admin(root).body(Map.of("id", p, "gateway", "10.70.0.5")).put("/admin/updateIpPool").then(), 4000002, "gateway");
        assertEquals("10.70.0.1", rows().text("SELECT host(gateway) FROM ip_pool WHERE id = ?", p));
    }

    @Test
    void updateIpDisablesAndFreesAddressesAllOrNothing() {
        long p = create("batch", "10.80.0.1", 29);
        long a2 = rows().count("SELECT id FROM ip_address WHERE pool_id = ? AND address = '10.80.0.2'", p);
        long a3 = rows().count("SELECT id FROM ip_address WHERE pool_id = ? AND address = '10.80.0.3'", p);
        long a4 = rows().count("SELECT id FROM ip_address WHERE pool_id = ? AND address = '10.80.0.4'", p);
        long vm = rows().vm(node, 801);
        rows().hold(p, "10.80.0.4", vm);

        // whole rows as the list returns them, and the contract's minimal form; PUT and POST both work
        Map<String, Object> full = new HashMap<>(Map.of("id", a2, "status", 2, "ip", "10.80.0.2", "subnetMask", "255.255.255.248",
                "gateway", "10.80.0.1", "dns1", "114.114.114.114", "dns2", "8.8.8.8", "nodeId", node, "poolId", p));
        Api.admin(root).body(List.of(full, Map.of("id", a3, "status", 2, "dns1", "114.114.114.114"))).put("/admin/updateIp")
                .then().body("code", equalTo(20000)).body("data", equalTo(2));
        Api.admin(root).get("/admin/selectIpPoolList?size=500").then()
                .body("data.records.find { it.id == " + p + " }.disable", equalTo(2))
                .body("data.records.find { it.id == " + p + " }.used", equalTo(1))
                .body("data.records.find { it.id == " + p + " }.available", equalTo(2));
        Api.admin(root).body(List.of(Map.of("id", a2, "status", 0))).post("/admin/updateIp").then().body("code", equalTo(20000));
        assertEquals(0, rows().count("SELECT status FROM ip_address WHERE id = ?", a2));

        // one bad row and nothing is written
        refused(Api.admin(root).body(List.of(Map.of("id", a2, "status", 2), Map.of("id", a4, "status", 0)))
                .put("/admin/updateIp").then(), 4000002, "[1].status");
        refused(Api.admin(root).body(List.of(Map.of("id", a2, "status", 2), Map.of("id", a3, "dns1", "1.1.1.1")))
                .put("/admin/updateIp").then(), 4000002, "[1].dns1");
        refused(Api.admin(root).body(List.of(Map.of("id", a2, "status", 1))).put("/admin/updateIp").then(), 4000002, "[0].status");
        refused(Api.admin(root).body(List.of(Map.of("id", a2, "status", 7))).put("/admin/updateIp").then(), 4000002, "[0].status");
        refused(Api.admin(root).body(List.of(Map.of("id", a2, "vmId", 801))).put("/admin/updateIp").then(), 4000002, "[0].vmId");
        refused(Api.admin(root).body(List.of(Map.of("id", 987654321L, "status", 2))).put("/admin/updateIp").then(), 4000002, "[0].id");
        refused(Api.admin(root).body(List.of(Map.of("status", 2))).put("/admin/updateIp").then(), 4000002, "[0].id");
        refused(Api.admin(root).body(List.of(Map.of("id", a2), Map.of("id", a2))).put("/admin/updateIp").then(), 4000002, "[1].id");
        refused(Api.admin(root).body(List.of()).put("/admin/updateIp").then(), 4000002, "body");
        refused(Api.admin(root).body(Map.of("id", a2)).put("/admin/updateIp").then(), 4000002, "array");
        assertEquals(0, rows().count("SELECT status FROM ip_address WHERE id = ?", a2));
        assertEquals(1, rows().count("SELECT status FROM ip_address WHERE id = ?", a4));
    }

    @Test
    void deletingAPoolIsRefusedOnlyByItsOwnHeldAddresses() {
        long busy = create("busy", "10.90.0.1", 29);
        long idle = create("idle", "10.91.0.1", 29);
        long vm = rows().vm(node, 901);
        rows().hold(busy, "10.90.0.3", vm);

        Api.admin(root).delete("/admin/deleteIpPool/" + busy).then().body("code", equalTo(1028))
                .body("message", equalTo("IP池中存在已使用的IP，无法删除"));
        assertEquals(5, rows(busy));
        // the legacy refused this one too, because another pool had a used address
        Api.admin(root).delete("/admin/deleteIpPool/" + idle).then().body("code", equalTo(20000))
                .body("data", equalTo("删除成功"));
        assertEquals(0, rows(idle));
        assertEquals(0, rows().count("SELECT count(*) FROM ip_pool WHERE id = ?", idle));
        Api.admin(root).delete("/admin/deleteIpPool/" + idle).then().body("code", equalTo(1027));

        // released, the pool goes
        rows().execute("UPDATE ip_address SET status = 0, vm_id = NULL, vm_delete_state = NULL WHERE pool_id = ?", busy);
        Api.admin(root).delete("/admin/deleteIpPool/" + busy).then().body("code", equalTo(20000));
        assertEquals(0, rows().count("SELECT count(*) FROM ip_pool WHERE id = ?", busy));
    }

    @Test
    void mutationsAreAuditedAndNeedAnAdmin() {
        create("audited", "10.95.0.1", 30);
        assertTrue(rows().count("SELECT count(*) FROM audit_log WHERE path LIKE '%insertIpPoolByMask'") > 0);
        io.restassured.RestAssured.given().get("/admin/selectIpPoolList").then().body("code", equalTo(501002));
        Api.admin(root).header("Accept-Language", "en").get("/admin/selectIpListByPoolId?poolid=987654321").then()
                .body("message", allOf(containsString("IP pool does not exist"), containsString("poolid")));
    }
}
