package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ApiKeysTest {
    @Inject
    DataDirectory dataDir;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    private JsonPath newKey(String info) {
        return Api.admin(root).body(Map.of("info", info)).post("/admin/insertApiKey")
                .then().statusCode(200).body("code", equalTo(20000))
                .body("data.appid", matchesPattern("\\d{13,}"))
                .body("data.appkey", matchesPattern("[0-9a-f]{34}"))
                .body("data.info", equalTo(info))
                .body("data.status", equalTo(0))
                .extract().jsonPath();
    }

    @Test
    void issuedKeyAuthenticatesThePublicApiAndIsMaskedInListings() {
        JsonPath key = newKey("billing");
        String appId = key.getString("data.appid");
        String appKey = key.getString("data.appkey");
        given().header("Authorization", Api.basic(appId, appKey)).get("/api/v1/status")
                .then().statusCode(200).body("code", equalTo(20000)).body("data", equalTo("通讯正常"));
        Api.admin(root).get("/admin/selectApiByPage?page=1&size=500").then().statusCode(200)
                .body("data.records.find { it.appid == '" + appId + "' }.appkey", not(equalTo(appKey)))
                .body("data.records.find { it.appid == '" + appId + "' }.appkey", matchesPattern("\\*+" + appKey.substring(30)))
                .body("data.records.find { it.appid == '" + appId + "' }.createDate", equalTo(key.getLong("data.createDate")));
    }

    @Test
    void wrongKeyIsRejected() {
        JsonPath key = newKey("wrong");
        given().header("Authorization", Api.basic(key.getString("data.appid"), "0".repeat(34))).get("/api/v1/status")
                .then().statusCode(200).body("code", equalTo(501002));
        given().header("Authorization", Api.basic("999", key.getString("data.appkey"))).get("/api/v1/status")
                .then().statusCode(200).body("code", equalTo(501002));
    }

    @Test
    void disabledKeyIsRejectedUntilEnabledAgain() {
        JsonPath key = newKey("toggle");
        long id = key.getLong("data.id");
        String auth = Api.basic(key.getString("data.appid"), key.getString("data.appkey"));
        Api.admin(root).put("/admin/disableApi/" + id).then().body("code", equalTo(20000));
        given().header("Authorization", auth).get("/api/v1/status").then().statusCode(200).body("code", equalTo(501002));
        Api.admin(root).post("/admin/disableApi/" + id).then().body("code", equalTo(20400)).body("message", equalTo("该API已经停用"));
        Api.admin(root).get("/admin/selectApiByPage?size=500").then()
                .body("data.records.find { it.id == " + id + " }.status", equalTo(1));
        Api.admin(root).post("/admin/enableApi/" + id).then().body("code", equalTo(20000));
        given().header("Authorization", auth).get("/api/v1/status").then().body("code", equalTo(20000));
        Api.admin(root).put("/admin/enableApi/" + id).then().body("code", equalTo(20400)).body("message", equalTo("该API已经启用"));
        Api.admin(root).put("/admin/enableApi/987654").then().body("code", equalTo(20400)).body("message", equalTo("不存在该API"));
    }

    @Test
    void deletedKeyIsRejected() {
        JsonPath key = newKey("delete-me");
        String auth = Api.basic(key.getString("data.appid"), key.getString("data.appkey"));
        Api.admin(root).post("/admin/deleteApi?id=" + key.getLong("data.id")).then().body("code", equalTo(20000)).body("data", equalTo("删除成功"));
        given().header("Authorization", auth).get("/api/v1/status").then().statusCode(200).body("code", equalTo(501002));
        Api.admin(root).delete("/admin/deleteApi?id=" + key.getLong("data.id")).then().body("code", equalTo(20400));
        Api.admin(root).delete("/admin/deleteApi").then().body("code", equalTo(4000002)).body("message", containsString("id"));
    }

    @Test
    void missingHeaderIs401WithAChallenge() {
        given().get("/api/v1/status").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"input AppId and AppKey\"")
                .body("code", equalTo(501002));
    }

    @Test
    void malformedHeadersAre501002NeverA500() {
        for (String header : new String[]{"Basic", "Basicxyz", "Basic !!!notbase64!!!", "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
                "Bearer abc.def.ghi", "Basic " + java.util.Base64.getEncoder().encodeToString(":only-key".getBytes())}) {
            given().header("Authorization", header).get("/api/v1/status").then().statusCode(200).body("code", equalTo(501002));
        }
    }

    @Test
    void adminTokenDoesNotOpenThePublicApiAndKeysDoNotOpenTheAdminApi() {
        JsonPath key = newKey("separate");
        given().header("Authorization", root).get("/api/v1/status").then().body("code", equalTo(501002));
        given().header("Authorization", Api.basic(key.getString("data.appid"), key.getString("data.appkey")))
                .get("/admin/test").then().body("code", equalTo(501002));
        assertEquals(20000, (int) Api.admin(root).get("/admin/test").then().extract().path("code"));
    }
}
