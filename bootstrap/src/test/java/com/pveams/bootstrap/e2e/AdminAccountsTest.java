package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AdminAccountsTest {
    @Inject
    DataDirectory dataDir;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    @Test
    void registerListsTheAdminWithoutAnyPasswordField() {
        String user = "ops-" + System.nanoTime();
        Api.admin(root).body(Map.of("username", user, "password", "s3cret-pass", "name", "Ops", "phone", "123", "email", "ops@example.com"))
                .post("/admin/registerDo").then().statusCode(200)
                .body("code", equalTo(20000)).body("data", equalTo("添加管理账号成功！"));
        Api.admin(root).get("/admin/getSysuser?page=1&size=500").then().statusCode(200)
                .body("code", equalTo(20000))
                .body("data.records.username", hasItem(user))
                .body("data.records", everyItem(not(hasKey("password"))))
                .body("data.records", everyItem(not(hasKey("passwordHash"))))
                .body("data.records.find { it.username == '" + user + "' }.email", equalTo("ops@example.com"))
                .body("data.records.find { it.username == '" + user + "' }.name", equalTo("Ops"))
                .body("data.total", greaterThanOrEqualTo(2))
                .body("data.current", equalTo(1))
                .body("data.size", equalTo(500))
                .body("data.orders", equalTo(List.of()))
                .body("data.optimizeCountSql", equalTo(true))
                .body("data.searchCount", equalTo(true))
                .body("data", hasKey("maxLimit"))
                .body("data", hasKey("countId"))
                .body("data.pages", equalTo(1));
    }

    @Test
    void duplicateUsernameIsRefused() {
        String user = "dup-" + System.nanoTime();
        Api.admin(root).body(Map.of("username", user, "password", "s3cret-pass")).post("/admin/registerDo").then().body("code", equalTo(20000));
        Api.admin(root).body(Map.of("username", user, "password", "other-pass-2")).post("/admin/registerDo")
                .then().statusCode(200).body("code", equalTo(20405));
    }

    @Test
    void weakOrMissingPasswordIsRefusedNamingTheField() {
        Api.admin(root).body(Map.of("username", "short-" + System.nanoTime(), "password", "123"))
                .post("/admin/registerDo").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString("password"));
        Api.admin(root).body(Map.of("username", "bad name!", "password", "long-enough-1"))
                .post("/admin/registerDo").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString("username"));
    }

    @Test
    void updateWithEmptyPasswordKeepsThePassword() {
        String user = "keep-" + System.nanoTime();
        Api.newAdmin(root, user, "keep-password-1");
        int id = idOf(user);
        Api.admin(root).body(Map.of("id", id, "username", user, "password", "", "name", "Renamed", "email", "k@example.com", "phone", "9"))
                .put("/admin/updateSysuser").then().statusCode(200).body("code", equalTo(20000))
                .body("data.name", equalTo("Renamed")).body("data", not(hasKey("password")));
        assertEquals(20000, (int) Api.admin(Api.login(user, "keep-password-1")).get("/admin/test").then().extract().path("code"));
    }

    @Test
    void updateOfAnUnknownAdminIsRefused() {
        Api.admin(root).body(Map.of("id", 999999, "username", "ghost", "password", ""))
                .post("/admin/updateSysuser").then().statusCode(200).body("code", equalTo(20403));
        Api.admin(root).body(Map.of("username", "ghost")).post("/admin/updateSysuser")
                .then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("id"));
    }

    @Test
    void anAdminCannotDeleteItself() {
        String user = "self-" + System.nanoTime();
        String token = Api.newAdmin(root, user, "self-password-1");
        Api.admin(token).delete("/admin/deleteSysUserById/" + idOf(user))
                .then().statusCode(200).body("code", equalTo(20400));
        Api.admin(token).post("/admin/deleteSysUserById/" + idOf(user))
                .then().statusCode(200).body("code", equalTo(20400));
        Api.admin(root).post("/admin/deleteSysUserById/" + idOf(user)).then().body("code", equalTo(20000));
        Api.admin(root).delete("/admin/deleteSysUserById/abc").then().body("code", equalTo(4000002)).body("message", containsString("id"));
    }

    private int idOf(String username) {
        return Api.admin(root).get("/admin/getSysuser?size=500").then().extract()
                .path("data.records.find { it.username == '" + username + "' }.id");
    }
}
