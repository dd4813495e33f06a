package com.pveams.bootstrap.e2e;

import com.pveams.application.service.CredentialCache;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API keys and admin sessions are served from memory (the test profile's lifetime is a minute, so only an
 * invalidation can end an entry within a test) and dropped as soon as a change is committed or announced.
 * Changes "behind the service's back" are made with the V6 trigger switched off inside the changing transaction,
 * which shows that a cached entry really is used until the announcement arrives.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AuthenticationCacheTest {
    /** Generous on purpose: the observed latency is reported, a slow machine must not fail the test. */
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Inject
    DataDirectory dataDir;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;
    String root;

    @Inject
    CredentialCache cache;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        // a test before may have cut the listener's connection: nothing is cached until it is back
        long start = System.nanoTime();
        while (!cache.feedConnected() && System.nanoTime() - start < WAIT_NANOS) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertTrue(cache.feedConnected(), "the credential listener did not reconnect");
    }

    private String newKeyAuthorization(String info) {
        JsonPath key = Api.admin(root).body(Map.of("info", info)).post("/admin/insertApiKey")
                .then().body("code", equalTo(20000)).extract().jsonPath();
        return Api.basic(key.getString("data.appid"), key.getString("data.appkey"));
    }

    private static int status(String authorization) {
        return given().header("Authorization", authorization).get("/api/v1/status").then().statusCode(200)
                .extract().path("code");
    }

    private static String appId(String authorization) {
        String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6)));
        return decoded.substring(0, decoded.indexOf(':'));
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
    }

    /** Changes the row the way a writer that bypasses the announcement would. */
    private void silently(String table, String trigger, String update) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + trigger);
            s.execute(update);
            s.execute("ALTER TABLE " + table + " ENABLE TRIGGER " + trigger);
            c.commit();
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Polls until the key is refused; returns how long that took. */
    private static long millisUntilRefused(String authorization) {
        long start = System.nanoTime();
        int code = status(authorization);
        while (code != 501002 && System.nanoTime() - start < WAIT_NANOS) {
            code = status(authorization);
        }
        assertEquals(501002, code, "the key was still accepted after " + TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS) + " s");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aCachedKeyDisabledThroughTheApiIsRefusedOnTheNextCall() {
        String auth = newKeyAuthorization("next-call");
        long id = Api.admin(root).get("/admin/selectApiByPage?size=500").then().extract().jsonPath()
                .getLong("data.records.find { it.appid == '" + appId(auth) + "' }.id");
        assertEquals(20000, status(auth));
        assertEquals(20000, status(auth));
        Api.admin(root).put("/admin/disableApi/" + id).then().body("code", equalTo(20000));
        assertEquals(501002, status(auth));
        Api.admin(root).put("/admin/enableApi/" + id).then().body("code", equalTo(20000));
        assertEquals(20000, status(auth));
        Api.admin(root).delete("/admin/deleteApi?id=" + id).then().body("code", equalTo(20000));
        assertEquals(501002, status(auth));
    }

    @Test
    void aCachedKeyIsServedFromMemoryUntilTheDatabaseAnnouncesTheChange() throws Exception {
        String auth = newKeyAuthorization("silent");
        String appId = appId(auth);
        assertEquals(20000, status(auth));
        silently("api_key", "api_key_credential_changed", "UPDATE api_key SET enabled = false WHERE app_id = '" + appId + "'");
        assertEquals(20000, status(auth), "served from memory: the silent change was not announced");
        sql("SELECT pg_notify('ams_credential_change', 'api_key:" + appId + "')");
        long millis = millisUntilRefused(auth);
        System.out.printf("AuthenticationCacheTest: announced key refused after %d ms%n", millis);
    }

    @Test
    void aListenerThatLosesItsConnectionForgetsEverythingCached() throws Exception {
        String auth = newKeyAuthorization("reconnect");
        assertEquals(20000, status(auth));
        silently("api_key", "api_key_credential_changed", "UPDATE api_key SET enabled = false WHERE app_id = '" + appId(auth) + "'");
        assertEquals(20000, status(auth));
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ams-listener'");
        long millis = millisUntilRefused(auth);
        System.out.printf("AuthenticationCacheTest: key refused %d ms after the listener's connection was killed%n", millis);
    }

    @Test
    void aCachedAdminSessionEndsWhenThePasswordChangeIsAnnounced() throws Exception {
        String user = "cached-" + System.nanoTime();
        String token = Api.newAdmin(root, user, "first-password-1");
        given().header("Authorization", token).get("/admin/test").then().body("code", equalTo(20000));
        silently("admin_account", "admin_account_credential_changed",
                "UPDATE admin_account SET credential_version = credential_version + 1 WHERE username = '" + user + "'");
        given().header("Authorization", token).get("/admin/test").then().body("code", equalTo(20000));
        sql("SELECT pg_notify('ams_credential_change', 'admin:' || id) FROM admin_account WHERE username = '" + user + "'");
        long start = System.nanoTime();
        int code = 20000;
        while (code != 501002 && System.nanoTime() - start < WAIT_NANOS) {
            code = given().header("Authorization", token).get("/admin/test").then().extract().path("code");
        }
        assertEquals(501002, code);
    }
}
