package com.pveams.bootstrap.e2e;

import com.pveams.adapters.rest.security.JwtSigningKey;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AdminAuthTest {
    @Inject
    DataDirectory dataDir;
    @Inject
    JwtSigningKey signingKey;

    @Test
    void initialAdminPasswordIsWrittenOwnerOnlyAndLogsIn() throws Exception {
        var file = dataDir.resolve("initial-admin-password");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        String password = Api.initialAdminPassword(dataDir.path());
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", password))
                .post("/admin/loginDo")
                .then().statusCode(200)
                .header("Authorization", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("code", equalTo(20000))
                .body("message", equalTo("请求成功"))
                .body("data", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));
    }

    @Test
    void rawAndBearerTokensAreAccepted() {
        String token = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        given().header("Authorization", token).get("/admin/test")
                .then().statusCode(200).body("code", equalTo(20000));
        given().header("Authorization", "Bearer " + token).get("/admin/test")
                .then().statusCode(200).body("code", equalTo(20000));
    }

    @Test
    void missingOrForgedTokenIsRejectedWith501002() {
        given().get("/admin/test").then().statusCode(200).body("code", equalTo(501002)).body("message", equalTo("API鉴权失败"));
        given().header("Authorization", "not-a-jwt").get("/admin/test").then().statusCode(200).body("code", equalTo(501002));
        String token = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        given().header("Authorization", tampered).get("/admin/test").then().statusCode(200).body("code", equalTo(501002));
    }

    @Test
    void expiredTokenIsRejected() {
        String expired = Jwt.issuer("proxmoxve-ams").subject("1").claim("ver", 1L)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(60))
                .jws().algorithm(SignatureAlgorithm.HS256).sign(signingKey.key());
        given().header("Authorization", expired).get("/admin/test").then().statusCode(200).body("code", equalTo(501002));
        String fresh = Jwt.issuer("proxmoxve-ams").subject("1").claim("ver", 1L)
                .expiresAt(Instant.now().plusSeconds(600))
                .jws().algorithm(SignatureAlgorithm.HS256).sign(signingKey.key());
        given().header("Authorization", fresh).get("/admin/test").then().statusCode(200).body("code", equalTo(20000));
    }

    @Test
    void wrongAdminPathGives4030001OnlyAfterAValidToken() {
        String token = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        given().header("Authorization", token).get("/notadmin/test").then().statusCode(200).body("code", equalTo(4030001));
        given().get("/notadmin/test").then().statusCode(200).body("code", equalTo(501002));
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "whatever1"))
                .post("/notadmin/loginDo").then().statusCode(200).body("code", equalTo(4030001));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "wrong-password"))
                .post("/admin/loginDo").then().statusCode(200).body("code", equalTo(20402)).body("data", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody-here", "password", "wrong-password"))
                .post("/admin/loginDo").then().statusCode(200).body("code", equalTo(20402)).body("message", equalTo("账号或密码错误"));
    }

    @Test
    void missingLoginFieldsAreNamed() {
        given().contentType(ContentType.JSON).body(Map.of("password", "x"))
                .post("/admin/loginDo").then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("username"));
        given().contentType(ContentType.JSON).body(Map.of("username", "admin"))
                .post("/admin/loginDo").then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("password"));
        given().contentType(ContentType.JSON).post("/admin/loginDo")
                .then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("body"));
    }

    @Test
    void tokenStopsWorkingAfterPasswordChange() {
        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        String user = "pwchange-" + System.nanoTime();
        String token = Api.newAdmin(root, user, "first-password-1");
        given().header("Authorization", token).get("/admin/test").then().body("code", equalTo(20000));
        int id = Api.admin(root).get("/admin/getSysuser?size=500").then().extract()
                .path("data.records.find { it.username == '" + user + "' }.id");
        Api.admin(token).body(Map.of("id", id, "username", user, "password", "second-password-2"))
                .post("/admin/updateSysuser").then().body("code", equalTo(20000));
        given().header("Authorization", token).get("/admin/test").then().body("code", equalTo(501002));
        String fresh = Api.login(user, "second-password-2");
        given().header("Authorization", fresh).get("/admin/test").then().body("code", equalTo(20000));
    }

    @Test
    void tokenStopsWorkingAfterTheAdminIsDeleted() {
        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        String user = "deleted-" + System.nanoTime();
        String token = Api.newAdmin(root, user, "some-password-1");
        int id = Api.admin(root).get("/admin/getSysuser?size=500").then().extract()
                .path("data.records.find { it.username == '" + user + "' }.id");
        Api.admin(root).delete("/admin/deleteSysUserById/" + id).then().body("code", equalTo(20000));
        given().header("Authorization", token).get("/admin/test").then().body("code", equalTo(501002));
    }
}
