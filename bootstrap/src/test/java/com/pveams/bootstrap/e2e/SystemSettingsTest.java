package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SystemSettingsTest {
    @Inject
    DataDirectory dataDir;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    @Test
    void allConfigReadsAndPartiallyUpdatesTheSettingsRow() {
        String token = Api.admin(root).get("/admin/getControlledSecretKey").then().extract().path("data");
        Api.admin(root).get("/admin/getAllConfig").then().statusCode(200)
                .body("code", equalTo(20000))
                .body("data.id", equalTo(1))
                .body("data.token", equalTo(token))
                .body("data.bwlimit", equalTo(512000))
                .body("data.vncTime", equalTo(120));
        Api.admin(root).body(Map.of("id", 1, "vncTime", 30, "bwlimit", 1024)).put("/admin/updateConfig")
                .then().body("code", equalTo(20000)).body("data.vncTime", equalTo(30)).body("data.token", equalTo(token));
        Api.admin(root).get("/admin/getAllConfig").then().body("data.vncTime", equalTo(30)).body("data.bwlimit", equalTo(1024));
        Api.admin(root).body(Map.of("vncTime", 120, "bwlimit", 512000)).post("/admin/updateConfig").then().body("code", equalTo(20000));
    }

    @Test
    void invalidSettingsNameTheirField() {
        Api.admin(root).body(Map.of("vncTime", 0)).post("/admin/updateConfig")
                .then().body("code", equalTo(4000002)).body("message", containsString("vncTime"));
        Api.admin(root).body(Map.of("linuxSystemDiskSize", -5)).post("/admin/updateConfig")
                .then().body("code", equalTo(4000002)).body("message", containsString("linuxSystemDiskSize"));
        Api.admin(root).body(Map.of("token", "short; rm -rf")).post("/admin/updateConfig")
                .then().body("code", equalTo(4000002)).body("message", containsString("token"));
        Api.admin(root).get("/admin/getAllConfig").then().body("data.vncTime", equalTo(120));
    }
}
