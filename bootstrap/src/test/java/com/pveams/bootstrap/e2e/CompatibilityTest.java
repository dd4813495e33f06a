package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Places where we deliberately answer differently from the legacy server (README, "Compatibility notes"). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class CompatibilityTest {
    @Inject
    DataDirectory dataDir;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    @Test
    void theFirstAdminHasADisplayName() {
        Api.admin(root).get("/admin/getSysuser?size=500").then().statusCode(200)
                .body("data.records.find { it.username == 'admin' }.name", equalTo("管理员"));
    }

    @Test
    void blankLoginFieldsAreNamedInsteadOf20403() {
        given().contentType(ContentType.JSON).body(Map.of("username", " ", "password", "whatever-1"))
                .post("/admin/loginDo").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", equalTo("参数校验异常: username 不能为空"));
        given().contentType(ContentType.JSON).header("Accept-Language", "en").body(Map.of("username", "admin", "password", ""))
                .post("/admin/loginDo").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", equalTo("Invalid parameter: password is required"));
    }

    @Test
    void aTakenUsernameIsReportedAsSuch() {
        String user = "taken-" + System.nanoTime();
        Api.admin(root).body(Map.of("username", user, "password", "s3cret-pass")).post("/admin/registerDo").then().body("code", equalTo(20000));
        Api.admin(root).body(Map.of("username", user, "password", "s3cret-pass")).post("/admin/registerDo").then()
                .statusCode(200).body("code", equalTo(20405)).body("message", equalTo("该账号已存在"));
    }

    @Test
    void unexpectedFailuresAnswerGenericallyWithoutInternals() {
        given().get("/test-support/failure").then().statusCode(200).contentType(ContentType.JSON)
                .body("code", equalTo(20400)).body("message", equalTo("系统繁忙，请稍后重试")).body("data", nullValue())
                .body(not(containsString("postgresql"))).body(not(containsString("IllegalStateException")))
                .body(not(containsString("admin_secret")));
        given().header("Accept-Language", "en").get("/test-support/failure").then().statusCode(200)
                .body("code", equalTo(20400)).body("message", equalTo("Internal error, please retry later"));
    }

    @Test
    void endpointsLeftOutAnswer501001() {
        Api.admin(root).get("/admin/getSysuserByUuid?uuid=3f2a0000-0000-0000-0000-00000000000057").then().statusCode(200)
                .body("code", equalTo(501001)).body("message", equalTo("无效的API"));
        given().get("/api/common/newversion").then().statusCode(200).body("code", equalTo(501001));
    }
}
