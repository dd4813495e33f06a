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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** VNC控制器管理 end to end: console front-ends, their validation, and the rows behind them. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VncControllersTest {
    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;
    InventoryRows rows;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(dataSource);
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The contract's example body under a fresh name. */
    private static Map<String, Object> example(String name) {
        return body("name", name, "host", "192.168.36.155", "port", 7600, "domain", "192.168.36.155", "status", 0);
    }

    private ValidatableResponse add(Map<String, Object> body) {
        return Api.admin(root).body(body).post("/admin/addVncNode").then().statusCode(200);
    }

    private long controller(String name) {
        add(example(name)).body("code", equalTo(20000)).body("data", equalTo("添加成功"));
        return idOf(name);
    }

    private long idOf(String name) {
        Object id = rows.value("SELECT id FROM vnc_controller WHERE name = ?", name);
        assertNotNull(id, "no vnc_controller row named " + name);
        return ((Number) id).longValue();
    }

    private Object column(String column, long id) {
        return rows.value("SELECT " + column + " FROM vnc_controller WHERE id = ?", id);
    }

    private long createdMillis(long id) {
        return ((Number) rows.value("SELECT floor(extract(epoch FROM created_at) * 1000)::bigint FROM vnc_controller WHERE id = ?", id))
                .longValue();
    }

    private static void refused(ValidatableResponse r, int code, String messagePart) {
        r.statusCode(200).body("code", equalTo(code)).body("message", containsString(messagePart)).body("data", nullValue());
    }

    private String record(long id) {
        return "data.records.find { it.id == " + id + " }";
    }

    @Test
    void addedControllerIsListedWithTheFieldsTheUiReads() {
        String name = InventoryRows.unique("本地测试");
        long id = controller(name);
        Api.admin(root).get("/admin/selectVncNodePage?page=1&size=500").then().statusCode(200)
                .body("code", equalTo(20000))
                .body("data", allOf(hasKey("records"), hasKey("total"), hasKey("size"), hasKey("current"), hasKey("pages"),
                        hasKey("orders"), hasKey("optimizeCountSql"), hasKey("searchCount"), hasKey("maxLimit"), hasKey("countId")))
                .body(record(id) + ".name", equalTo(name))
                .body(record(id) + ".host", equalTo("192.168.36.155"))
                .body(record(id) + ".port", equalTo(7600))
                .body(record(id) + ".domain", equalTo("192.168.36.155"))
                .body(record(id) + ".protocol", equalTo(0))
                .body(record(id) + ".status", equalTo(0))
                .body(record(id) + ".createDate", equalTo(createdMillis(id)));
        assertEquals("192.168.36.155", column("host", id));
        assertEquals(7600, ((Number) column("port", id)).intValue());
        assertEquals(0, ((Number) column("protocol", id)).intValue());
        assertEquals(0, ((Number) column("status", id)).intValue());
        assertNull(column("node_id", id));
    }

    @Test
    void optionalFieldsTakeTheDocumentedDefaults() {
        String name = InventoryRows.unique("defaults");
        add(body("name", name, "host", "[2001:db8::7]", "port", 443)).body("code", equalTo(20000));
        long id = idOf(name);
        assertEquals("2001:db8::7", column("host", id));
        assertNull(column("domain", id));
        assertEquals(0, ((Number) column("protocol", id)).intValue());
        assertEquals(0, ((Number) column("status", id)).intValue());
        String https = InventoryRows.unique("https");
        add(body("name", https, "host", "console.example.com", "port", 443, "domain", "", "protocol", 1, "status", 1, "proxy", 1))
                .body("code", equalTo(20000));
        long hid = idOf(https);
        assertEquals(1, ((Number) column("protocol", hid)).intValue());
        assertEquals(1, ((Number) column("status", hid)).intValue());
        assertNull(column("domain", hid));
        Api.admin(root).get("/admin/selectVncNodePage?size=500").then()
                .body(record(hid) + ".protocol", equalTo(1)).body(record(hid) + ".status", equalTo(1))
                .body(record(hid) + ".domain", nullValue());
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        String name = InventoryRows.unique("bad");
        Object[][] cases = {
                {body("host", "10.0.0.1", "port", 7600), "name"},
                {body("name", "x".repeat(65), "host", "10.0.0.1", "port", 7600), "name"},
                {body("name", name, "port", 7600), "host"},
                {body("name", name, "host", "https://10.0.0.1", "port", 7600), "host"},
                {body("name", name, "host", "10.0.0.1/vnc", "port", 7600), "host"},
                {body("name", name, "host", "10.0.0.1:7600", "port", 7600), "host"},
                {body("name", name, "host", "10.0.0.256", "port", 7600), "host"},
                {body("name", name, "host", "bad host", "port", 7600), "host"},
                {body("name", name, "host", "10.0.0.1"), "port"},
                {body("name", name, "host", "10.0.0.1", "port", 0), "port"},
                {body("name", name, "host", "10.0.0.1", "port", 65536), "port"},
                {body("name", name, "host", "10.0.0.1", "port", "x"), "port"},
                {body("name", name, "host", "10.0.0.1", "port", 7600, "protocol", 2), "protocol"},
                {body("name", name, "host", "10.0.0.1", "port", 7600, "status", 5), "status"},
                {body("name", name, "host", "10.0.0.1", "port", 7600, "domain", "http://console.example.com"), "domain"},
                {body("name", name, "host", "10.0.0.1", "port", 7600, "domain", "console.example.com/x"), "domain"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) c[0];
            refused(add(b), 4000002, (String) c[1]);
        }
        refused(Api.admin(root).post("/admin/addVncNode").then(), 4000002, "body");
        assertEquals(0, rows.count("SELECT count(*) FROM vnc_controller WHERE name = ?", name));
    }

    @Test
    void aDuplicateNameIsRefusedButASharedHostIsNot() {
        String name = InventoryRows.unique("dup");
        controller(name);
        add(example(name)).body("code", equalTo(20400)).body("message", equalTo("该VNC控制器名称已存在")).body("data", nullValue());
        assertEquals(1, rows.count("SELECT count(*) FROM vnc_controller WHERE name = ?", name));
        // one front-end host may be published under several names and domains
        String other = InventoryRows.unique("dup-other");
        add(body("name", other, "host", "192.168.36.155", "port", 7600, "domain", "console2.example.com"))
                .body("code", equalTo(20000));
    }

    @Test
    void updateChangesWhatItCarriesThroughPutAndPost() {
        long id = controller(InventoryRows.unique("edit"));
        String renamed = InventoryRows.unique("edited");
        Api.admin(root).body(body("id", id, "name", renamed, "host", "console-origin.example.com", "port", 6080,
                        "domain", "console.example.com", "protocol", 1, "status", 1))
                .put("/admin/updateVncNode").then().body("code", equalTo(20000)).body("data", equalTo("修改成功"));
        assertEquals(renamed, column("name", id));
        assertEquals("console-origin.example.com", column("host", id));
        assertEquals(6080, ((Number) column("port", id)).intValue());
        assertEquals("console.example.com", column("domain", id));
        assertEquals(1, ((Number) column("protocol", id)).intValue());
        assertEquals(1, ((Number) column("status", id)).intValue());

        // client B sends POST; an empty domain falls back to the host, omitted fields are kept
        Api.admin(root).body(body("id", id, "domain", "", "status", 0)).post("/admin/updateVncNode")
                .then().body("code", equalTo(20000));
        assertNull(column("domain", id));
        assertEquals(0, ((Number) column("status", id)).intValue());
        assertEquals(renamed, column("name", id));
        assertEquals(6080, ((Number) column("port", id)).intValue());
    }

    @Test
    void updateRefusalsChangeNothing() {
        String taken = InventoryRows.unique("taken");
        controller(taken);
        String name = InventoryRows.unique("keep");
        long id = controller(name);
        refused(Api.admin(root).body(body("id", id, "name", taken)).put("/admin/updateVncNode").then(), 20400, "该VNC控制器名称已存在");
        refused(Api.admin(root).body(body("id", id, "host", "ftp://x")).put("/admin/updateVncNode").then(), 4000002, "host");
        refused(Api.admin(root).body(body("id", id, "port", 0)).put("/admin/updateVncNode").then(), 4000002, "port");
        refused(Api.admin(root).body(body("id", id, "protocol", 9)).put("/admin/updateVncNode").then(), 4000002, "protocol");
        refused(Api.admin(root).body(body("name", "x")).put("/admin/updateVncNode").then(), 4000002, "id");
        refused(Api.admin(root).body(body("id", 99999999, "name", "x")).put("/admin/updateVncNode").then(), 1033, "VNC控制节点不存在");
        assertEquals(name, column("name", id));
        assertEquals("192.168.36.155", column("host", id));
        assertEquals(7600, ((Number) column("port", id)).intValue());
        // keeping its own name is fine
        Api.admin(root).body(body("id", id, "name", name)).put("/admin/updateVncNode").then().body("code", equalTo(20000));
    }

    @Test
    void deleteRemovesTheRowOnce() {
        long id = controller(InventoryRows.unique("gone"));
        Api.admin(root).delete("/admin/deleteVncNode?id=" + id).then().body("code", equalTo(20000)).body("data", equalTo("删除成功"));
        assertEquals(0, rows.count("SELECT count(*) FROM vnc_controller WHERE id = ?", id));
        refused(Api.admin(root).delete("/admin/deleteVncNode?id=" + id).then(), 1033, "VNC控制节点不存在");
        refused(Api.admin(root).delete("/admin/deleteVncNode").then(), 4000002, "id");
        refused(Api.admin(root).delete("/admin/deleteVncNode?id=abc").then(), 4000002, "id");
    }

    @Test
    void aNodesFrontEndIsManagedLikeAnyOtherAndGoesWithTheNode() {
        long node = rows.node(null);
        String name = InventoryRows.unique("node-fe");
        rows.execute("INSERT INTO vnc_controller (name, node_id, host, port, protocol, status) VALUES ('" + name + "', "
                + node + ", '203.0.113.9', 7600, 1, 0)");
        long id = idOf(name);
        Api.admin(root).get("/admin/selectVncNodePage?size=500").then()
                .body(record(id) + ".host", equalTo("203.0.113.9")).body(record(id) + ".protocol", equalTo(1));
        Api.admin(root).body(body("id", id, "domain", "vnc.example.com")).put("/admin/updateVncNode").then().body("code", equalTo(20000));
        assertEquals(node, ((Number) column("node_id", id)).longValue());
        rows.execute("DELETE FROM node WHERE id = " + node);
        assertEquals(0, rows.count("SELECT count(*) FROM vnc_controller WHERE id = ?", id));
    }

    @Test
    void pagesAreBoundedAndWritesAreAudited() {
        refused(Api.admin(root).get("/admin/selectVncNodePage?size=501").then(), 4000002, "size");
        refused(Api.admin(root).get("/admin/selectVncNodePage?page=0").then(), 4000002, "page");
        String requestId = InventoryRows.unique("audit-vnc");
        Api.admin(root).header("X-Request-Id", requestId).body(example(InventoryRows.unique("audited")))
                .post("/admin/addVncNode").then().body("code", equalTo(20000));
        assertEquals(1, rows.count("SELECT count(*) FROM audit_log WHERE request_id = ? AND path = '/admin/addVncNode'"
                + " AND result_code = 20000", requestId));
        given().get("/admin/selectVncNodePage").then().statusCode(200).body("code", equalTo(501002));
    }
}
