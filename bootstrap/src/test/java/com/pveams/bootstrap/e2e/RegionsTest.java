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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** 地区管理 end to end: the legacy paths, shapes and codes, the two-level rule, and the rows behind them. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RegionsTest {
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

    private ValidatableResponse add(Map<String, Object> body) {
        return Api.admin(root).body(body).post("/admin/addArea").then().statusCode(200);
    }

    /** Adds a region and returns its id, read from the database. */
    private long region(String name, Long parent) {
        add(parent == null ? body("name", name, "realm", 0) : body("name", name, "realm", 1, "parent", parent))
                .body("code", equalTo(20000)).body("data", equalTo("添加成功"));
        return idOf(name);
    }

    private long idOf(String name) {
        Object id = rows.value("SELECT id FROM region WHERE name = ?", name);
        assertNotNull(id, "no region row named " + name);
        return ((Number) id).longValue();
    }

    private Long parentIdOf(long id) {
        Object p = rows.value("SELECT parent_id FROM region WHERE id = ?", id);
        return p == null ? null : ((Number) p).longValue();
    }

    private static void refused(ValidatableResponse r, int code, String messagePart) {
        r.statusCode(200).body("code", equalTo(code)).body("message", containsString(messagePart)).body("data", nullValue());
    }

    @Test
    void addedRegionsAppearInEveryListInTheLegacyShape() {
        String asia = InventoryRows.unique("亚洲");
        String china = InventoryRows.unique("中国");
        long asiaId = region(asia, null);
        add(body("name", china, "geo", "CN", "realm", 1, "parent", asiaId)).body("code", equalTo(20000));
        long chinaId = idOf(china);
        assertEquals(asiaId, parentIdOf(chinaId));
        assertEquals(1, ((Number) rows.value("SELECT level FROM region WHERE id = ?", chinaId)).intValue());
        assertEquals("CN", rows.value("SELECT geo FROM region WHERE id = ?", chinaId));

        Api.admin(root).get("/admin/getAreaList?page=1&limit=500").then().statusCode(200)
                .body("code", equalTo(20000)).body("message", equalTo("请求成功"))
                .body("data", allOf(hasKey("records"), hasKey("total"), hasKey("size"), hasKey("current"), hasKey("pages"),
                        hasKey("orders"), hasKey("optimizeCountSql"), hasKey("searchCount"), hasKey("maxLimit"), hasKey("countId")))
                .body("data.size", equalTo(500)).body("data.current", equalTo(1))
                .body("data.records.find { it.id == " + asiaId + " }.name", equalTo(asia))
                .body("data.records.find { it.id == " + asiaId + " }.parent", equalTo(0))
                .body("data.records.find { it.id == " + asiaId + " }.realm", equalTo(0))
                .body("data.records.find { it.id == " + chinaId + " }.parent", equalTo((int) asiaId))
                .body("data.records.find { it.id == " + chinaId + " }.realm", equalTo(1))
                .body("data.records.find { it.id == " + chinaId + " }.geo", equalTo("CN"));

        Api.admin(root).get("/admin/getArea?id=" + chinaId).then().statusCode(200).body("code", equalTo(20000))
                .body("data.id", equalTo((int) chinaId)).body("data.name", equalTo(china))
                .body("data.parent", equalTo((int) asiaId)).body("data.realm", equalTo(1));

        Api.admin(root).get("/admin/getAreaListByParent?parent=" + asiaId).then().body("code", equalTo(20000))
                .body("data.total", equalTo(1)).body("data.size", equalTo(20))
                .body("data.records[0].id", equalTo((int) chinaId)).body("data.records[0].name", equalTo(china));

        Api.admin(root).get("/admin/getAreaListByParentIsNull?page=1&size=500").then().body("code", equalTo(20000))
                .body("data.records.id", hasItem((int) asiaId))
                .body("data.records.id", not(hasItem((int) chinaId)))
                .body("data.records.realm", not(hasItem(1)));
        // parent 0 is how the legacy stored top-level regions: it lists them too
        Api.admin(root).get("/admin/getAreaListByParent?parent=0&size=500").then().body("code", equalTo(20000))
                .body("data.records.id", hasItem((int) asiaId)).body("data.records.id", not(hasItem((int) chinaId)));
    }

    @Test
    void pagesAreCountedAndBounded() {
        long parent = region(InventoryRows.unique("页"), null);
        for (int i = 0; i < 3; i++) {
            region(InventoryRows.unique("子" + i), parent);
        }
        Api.admin(root).get("/admin/getAreaListByParent?parent=" + parent + "&page=2&size=2").then()
                .body("data.total", equalTo(3)).body("data.pages", equalTo(2)).body("data.current", equalTo(2))
                .body("data.records.size()", equalTo(1));
        refused(Api.admin(root).get("/admin/getAreaList?limit=501").then(), 4000002, "limit");
        refused(Api.admin(root).get("/admin/getAreaList?limit=0").then(), 4000002, "limit");
        refused(Api.admin(root).get("/admin/getAreaListByParentIsNull?size=abc").then(), 4000002, "size");
        refused(Api.admin(root).get("/admin/getAreaListByParent?parent=1&page=0").then(), 4000002, "page");
        refused(Api.admin(root).get("/admin/getAreaListByParent").then(), 4000002, "parent");
        refused(Api.admin(root).get("/admin/getAreaListByParent?parent=x").then(), 4000002, "parent");
        refused(Api.admin(root).get("/admin/getArea").then(), 4000002, "id");
        refused(Api.admin(root).get("/admin/getArea?id=99999999").then(), 20400, "该地区不存在");
    }

    @Test
    void aDuplicateNameIsRefusedWithTheLegacyCodeAndNothingIsWritten() {
        String name = InventoryRows.unique("重复");
        region(name, null);
        add(body("name", name, "realm", 0)).body("code", equalTo(20400)).body("message", equalTo("该地区已存在"))
                .body("data", nullValue());
        add(body("name", " " + name + " ", "realm", 0)).body("code", equalTo(20400));
        assertEquals(1, rows.count("SELECT count(*) FROM region WHERE name = ?", name));
        Api.admin(root).header("Accept-Language", "en").body(body("name", name, "realm", 0)).post("/admin/addArea")
                .then().body("code", equalTo(20400)).body("message", equalTo("This region already exists"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        long top = region(InventoryRows.unique("顶"), null);
        long child = region(InventoryRows.unique("子"), top);
        String name = InventoryRows.unique("坏");
        refused(add(body("realm", 0)), 4000002, "name");
        refused(add(body("name", "  ", "realm", 0)), 4000002, "name");
        refused(add(body("name", "x".repeat(65), "realm", 0)), 4000002, "name");
        refused(add(body("name", name, "realm", 1)), 4000002, "parent");
        refused(add(body("name", name, "realm", 1, "parent", 0)), 4000002, "parent");
        refused(add(body("name", name, "realm", 0, "parent", top)), 4000002, "realm");
        refused(add(body("name", name, "realm", 2)), 4000002, "realm");
        refused(add(body("name", name, "realm", "abc")), 4000002, "realm");
        refused(add(body("name", name, "parent", "abc")), 4000002, "parent");
        refused(add(body("name", name, "realm", 1, "parent", 99999999)), 4000002, "parent");
        // a child of a child would be a third level
        refused(add(body("name", name, "realm", 1, "parent", child)), 4000002, "parent");
        refused(add(body("name", name, "geo", "g".repeat(256), "realm", 0)), 4000002, "geo");
        refused(Api.admin(root).post("/admin/addArea").then(), 4000002, "body");
        refused(Api.admin(root).body("{\"name\":").post("/admin/addArea").then(), 4000001, "");
        assertEquals(0, rows.count("SELECT count(*) FROM region WHERE name = ?", name));
        // realm may be left out: the parent decides
        add(body("name", name, "parent", top)).body("code", equalTo(20000));
        assertEquals(top, parentIdOf(idOf(name)));
    }

    @Test
    void updateRenamesAndMovesWithinTwoLevels() {
        long asia = region(InventoryRows.unique("亚洲"), null);
        long europe = region(InventoryRows.unique("欧洲"), null);
        long japan = region(InventoryRows.unique("日本"), asia);
        String renamed = InventoryRows.unique("日本国");

        Api.admin(root).body(body("id", japan, "name", renamed, "realm", 1, "parent", europe)).put("/admin/updateArea")
                .then().body("code", equalTo(20000)).body("data", equalTo("修改成功"));
        assertEquals(renamed, rows.value("SELECT name FROM region WHERE id = ?", japan));
        assertEquals(europe, parentIdOf(japan));

        // the legacy server also took POST; realm 0 moves it to the top
        Api.admin(root).body(body("id", japan, "name", renamed, "parent", 0, "realm", 0)).post("/admin/updateArea")
                .then().body("code", equalTo(20000));
        assertNull(parentIdOf(japan));
        assertEquals(0, ((Number) rows.value("SELECT level FROM region WHERE id = ?", japan)).intValue());

        // omitted fields are kept
        Api.admin(root).body(body("id", japan, "geo", "JP")).put("/admin/updateArea").then().body("code", equalTo(20000));
        assertEquals(renamed, rows.value("SELECT name FROM region WHERE id = ?", japan));
        assertEquals("JP", rows.value("SELECT geo FROM region WHERE id = ?", japan));
        assertNull(parentIdOf(japan));
    }

    @Test
    void updateRefusesBreakingTheHierarchyOrTheNamesAndChangesNothing() {
        String asiaName = InventoryRows.unique("亚洲");
        long asia = region(asiaName, null);
        long europe = region(InventoryRows.unique("欧洲"), null);
        String chinaName = InventoryRows.unique("中国");
        long china = region(chinaName, asia);

        refused(Api.admin(root).body(body("id", asia, "realm", 1, "parent", asia)).put("/admin/updateArea").then(), 4000002, "parent");
        refused(Api.admin(root).body(body("id", asia, "realm", 1, "parent", china)).put("/admin/updateArea").then(), 4000002, "parent");
        refused(Api.admin(root).body(body("id", asia, "realm", 1, "parent", europe)).put("/admin/updateArea").then(), 20400, "子地区");
        refused(Api.admin(root).body(body("id", china, "name", asiaName)).put("/admin/updateArea").then(), 20400, "该地区已存在");
        refused(Api.admin(root).body(body("id", china, "realm", 1, "parent", 99999999)).put("/admin/updateArea").then(), 4000002, "parent");
        refused(Api.admin(root).body(body("name", "x")).put("/admin/updateArea").then(), 4000002, "id");
        refused(Api.admin(root).body(body("id", 99999999, "name", "x")).put("/admin/updateArea").then(), 20400, "该地区不存在");
        refused(Api.admin(root).body(body("id", china, "name", "")).put("/admin/updateArea").then(), 4000002, "name");
        assertNull(parentIdOf(asia));
        assertEquals(asia, parentIdOf(china));
        assertEquals(chinaName, rows.value("SELECT name FROM region WHERE id = ?", china));
        // keeping its own name is not a duplicate
        Api.admin(root).body(body("id", china, "name", chinaName)).put("/admin/updateArea").then().body("code", equalTo(20000));
    }

    @Test
    void deleteIsRefusedWhileChildrenRemainAndUnbindsNodes() {
        long asia = region(InventoryRows.unique("亚洲"), null);
        long china = region(InventoryRows.unique("中国"), asia);
        long nodeInAsia = rows.node(asia);
        long nodeInChina = rows.node(china);

        refused(Api.admin(root).delete("/admin/deleteArea/" + asia).then(), 20400, "子地区");
        assertEquals(1, rows.count("SELECT count(*) FROM region WHERE id = ?", asia));

        Api.admin(root).delete("/admin/deleteArea/" + china).then().body("code", equalTo(20000)).body("data", equalTo("删除成功"));
        Api.admin(root).delete("/admin/deleteArea/" + asia).then().body("code", equalTo(20000));
        assertEquals(0, rows.count("SELECT count(*) FROM region WHERE id IN (?, ?)", asia, china));
        // the nodes stay, without a region
        assertEquals(2, rows.count("SELECT count(*) FROM node WHERE id IN (?, ?) AND region_id IS NULL", nodeInAsia, nodeInChina));

        refused(Api.admin(root).delete("/admin/deleteArea/" + asia).then(), 20400, "该地区不存在");
        refused(Api.admin(root).delete("/admin/deleteArea/abc").then(), 4000002, "id");
        refused(Api.admin(root).delete("/admin/deleteArea/0").then(), 4000002, "id");
    }

    @Test
    void writesAreAuditedAndNeedAnAdminToken() {
        String name = InventoryRows.unique("audit");
        Api.admin(root).header("X-Request-Id", name).body(body("name", name, "realm", 0)).post("/admin/addArea")
                .then().body("code", equalTo(20000));
        assertEquals(1, rows.count("SELECT count(*) FROM audit_log WHERE request_id = ? AND path = '/admin/addArea'"
                + " AND result_code = 20000 AND actor_type = 'ADMIN'", name));
        given().contentType("application/json").body(body("name", InventoryRows.unique("匿名"), "realm", 0))
                .post("/admin/addArea").then().statusCode(200).body("code", equalTo(501002));
        given().get("/admin/getAreaList").then().statusCode(200).body("code", equalTo(501002));
    }
}
