package com.pveams.bootstrap.e2e;

import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ApiKeysTest {
    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;
    @Inject
    SecretCipher cipher;
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
    void theListShowsTheFullAppkeyAgainAndThatAppkeyAuthenticates() throws Exception {
        JsonPath key = newKey("billing");
        String appId = key.getString("data.appid");
        String appKey = key.getString("data.appkey");
        // the legacy admin UI reads keys only from the list
        JsonPath listed = Api.admin(root).get("/admin/selectApiByPage?page=1&size=500").then().statusCode(200)
                .body("code", equalTo(20000))
                .body("data.records.find { it.appid == '" + appId + "' }.id", equalTo(key.getInt("data.id")))
                .body("data.records.find { it.appid == '" + appId + "' }.info", equalTo("billing"))
                .body("data.records.find { it.appid == '" + appId + "' }.status", equalTo(0))
                .body("data.records.find { it.appid == '" + appId + "' }.createDate", equalTo(key.getLong("data.createDate")))
                .extract().jsonPath();
        String shown = listed.getString("data.records.find { it.appid == '" + appId + "' }.appkey");
        assertEquals(appKey, shown);
        given().header("Authorization", Api.basic(appId, shown)).get("/api/v1/status")
                .then().statusCode(200).body("code", equalTo(20000)).body("data", equalTo("通讯正常"));

        // at rest: the hash for authentication and a ciphertext, never the appkey itself
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT key_hash, key_enc FROM api_key WHERE app_id = ?")) {
            ps.setString(1, appId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(HexFormat.of().formatHex(sha256(appKey)), rs.getString(1));
                byte[] enc = rs.getBytes(2);
                assertEquals(33 + appKey.length(), enc.length, "version, key id, nonce, ciphertext, tag");
                assertEquals(cipher.currentKeyId(), HexFormat.of().formatHex(enc, 1, 5));
                assertFalse(new String(enc, StandardCharsets.ISO_8859_1).contains(appKey));
            }
        }
    }

    @Test
    void theAuditLogKeepsNoAppkeyOfTheCreateOrTheListCall() throws Exception {
        String createId = "apikey-create-" + System.nanoTime();
        JsonPath key = Api.admin(root).header("X-Request-Id", createId).body(Map.of("info", "audited"))
                .post("/admin/insertApiKey").then().body("code", equalTo(20000)).extract().jsonPath();
        String appKey = key.getString("data.appkey");
        String listId = "apikey-list-" + System.nanoTime();
        Api.admin(root).header("X-Request-Id", listId).get("/admin/selectApiByPage?size=500").then()
                .body("data.records.find { it.appid == '" + key.getString("data.appid") + "' }.appkey", equalTo(appKey));

        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT response_body FROM audit_log WHERE request_id = ?")) {
            ps.setString(1, createId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the create call is audited");
                assertThat(rs.getString(1), containsString(key.getString("data.appid")));
                assertThat(rs.getString(1), not(containsString(appKey)));
            }
        }
        // reads are not audited; whatever is, nothing anywhere in the log holds the key
        assertEquals(0L, count("SELECT count(*) FROM audit_log WHERE request_id = '" + listId + "'"));
        assertEquals(0L, count("SELECT count(*) FROM audit_log WHERE position('" + appKey + "' IN"
                + " coalesce(detail, '') || coalesce(response_body, '')) > 0"));
    }

    @Test
    void keysWithoutAUsableCopyAreListedMasked() throws Exception {
        JsonPath a = newKey("copied-from");
        JsonPath b = newKey("copied-onto");
        // a key issued before V15 (no copy), one whose copy names a key this service does not have, and one holding
        // another key's copy (values are not bound to their row): all masked, and the list still answers
        String legacyKey = "0123456789abcdef0123456789abcdef01";
        String legacyAppId = "legacy-" + System.nanoTime();
        exec("INSERT INTO api_key (app_id, key_hash, key_hint) VALUES ('" + legacyAppId + "', '"
                + HexFormat.of().formatHex(sha256(legacyKey)) + "', 'ef01')");
        String unreadableAppId = "unreadable-" + System.nanoTime();
        exec("INSERT INTO api_key (app_id, key_hash, key_hint, key_enc) VALUES ('" + unreadableAppId + "', '"
                + HexFormat.of().formatHex(sha256(legacyKey)) + "', 'ef01', decode('01ffffffff' || repeat('00', 60), 'hex'))");
        exec("UPDATE api_key SET key_enc = (SELECT key_enc FROM api_key WHERE id = " + a.getLong("data.id") + ")"
                + " WHERE id = " + b.getLong("data.id"));

        JsonPath listed = Api.admin(root).get("/admin/selectApiByPage?size=500").then().body("code", equalTo(20000))
                .extract().jsonPath();
        String masked = "\\*{30}";
        assertThat(appKeyOf(listed, legacyAppId), matchesPattern(masked + "ef01"));
        assertThat(appKeyOf(listed, unreadableAppId), matchesPattern(masked + "ef01"));
        assertThat(appKeyOf(listed, b.getString("data.appid")), matchesPattern(masked + b.getString("data.appkey").substring(30)));
        assertEquals(a.getString("data.appkey"), appKeyOf(listed, a.getString("data.appid")));
        given().header("Authorization", Api.basic(legacyAppId, legacyKey)).get("/api/v1/status").then().body("code", equalTo(20000));
        // not left for other tests' listings to warn about
        exec("DELETE FROM api_key WHERE app_id IN ('" + legacyAppId + "', '" + unreadableAppId + "', '" + b.getString("data.appid") + "')");
    }

    private static String appKeyOf(JsonPath page, String appId) {
        return page.getString("data.records.find { it.appid == '" + appId + "' }.appkey");
    }

    static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void exec(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
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
