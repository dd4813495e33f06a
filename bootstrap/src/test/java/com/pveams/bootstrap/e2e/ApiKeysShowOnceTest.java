package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ams.api-keys.reveal=false}: the appkey is shown once, at creation; the list shows it masked. */
@QuarkusTest
@TestProfile(ApiKeysShowOnceTest.ShowOnce.class)
@WithTestResource(EmbeddedPostgresResource.class)
class ApiKeysShowOnceTest {
    public static class ShowOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.api-keys.reveal", "false");
        }
    }

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;

    @Test
    void theAppkeyIsShownAtCreationOnlyAndOnlyItsHashIsStored() throws Exception {
        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        JsonPath key = Api.admin(root).body(Map.of("info", "show-once")).post("/admin/insertApiKey").then()
                .body("code", equalTo(20000)).body("data.appkey", matchesPattern("[0-9a-f]{34}"))
                .extract().jsonPath();
        String appId = key.getString("data.appid");
        String appKey = key.getString("data.appkey");

        Api.admin(root).get("/admin/selectApiByPage?page=1&size=500").then().body("code", equalTo(20000))
                .body("data.records.find { it.appid == '" + appId + "' }.appkey",
                        equalTo("*".repeat(30) + appKey.substring(30)))
                .body("data.records.find { it.appid == '" + appId + "' }.info", equalTo("show-once"));
        given().header("Authorization", Api.basic(appId, appKey)).get("/api/v1/status").then().body("code", equalTo(20000));

        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT key_hash, key_enc FROM api_key WHERE app_id = ?")) {
            ps.setString(1, appId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(HexFormat.of().formatHex(ApiKeysTest.sha256(appKey)), rs.getString(1));
                assertNull(rs.getBytes(2), "show-once keeps no way back to the appkey");
            }
        }
    }
}
