package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AuditLogTest {
    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;

    record Row(String actorType, String actor, String method, String path, int httpStatus, int resultCode, boolean success, String detail) {
    }

    private Row byRequestId(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT actor_type, actor, method, path, http_status, result_code, success, detail FROM audit_log WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no audit row for " + requestId);
                Row row = new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getBoolean(7), rs.getString(8));
                assertFalse(rs.next(), "more than one audit row for " + requestId);
                return row;
            }
        }
    }

    private int count(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void mutatingAdminCallIsRecordedWithSecretsMasked() throws Exception {
        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        String user = "audited-" + System.nanoTime();
        Api.admin(root).header("X-Request-Id", "audit-register-" + user)
                .body(Map.of("username", user, "password", "Very-Secret-Pw-1", "email", "a@example.com"))
                .post("/admin/registerDo").then().statusCode(200);
        Row row = byRequestId("audit-register-" + user);
        assertEquals("ADMIN", row.actorType());
        assertEquals("admin:admin", row.actor());
        assertEquals("POST", row.method());
        assertEquals("/admin/registerDo", row.path());
        assertEquals(20000, row.resultCode());
        assertTrue(row.success());
        assertTrue(row.detail().contains(user), row.detail());
        assertFalse(row.detail().contains("Very-Secret-Pw-1"), row.detail());
        assertTrue(row.detail().contains("******"), row.detail());
    }

    @Test
    void failedLoginIsRecordedWithoutThePassword() throws Exception {
        String rid = "audit-login-" + System.nanoTime();
        given().header("X-Request-Id", rid).contentType(ContentType.JSON)
                .queryParam("password", "Query-Secret-1")
                .body(Map.of("username", "intruder", "password", "Body-Secret-1"))
                .post("/admin/loginDo").then().statusCode(200);
        Row row = byRequestId(rid);
        assertEquals("ANONYMOUS", row.actorType());
        assertEquals("anonymous:intruder", row.actor());
        assertEquals(20402, row.resultCode());
        assertFalse(row.success());
        assertFalse(row.detail().contains("Body-Secret-1"), row.detail());
        assertFalse(row.detail().contains("Query-Secret-1"), row.detail());
    }

    @Test
    void rejectedCallIsRecordedAndReadsAreNot() throws Exception {
        String rid = "audit-deny-" + System.nanoTime();
        given().header("X-Request-Id", rid).header("Authorization", "forged.token.value").contentType(ContentType.JSON)
                .body(Map.of("info", "x")).post("/admin/insertApiKey").then().statusCode(200);
        Row row = byRequestId(rid);
        assertEquals("ANONYMOUS", row.actorType());
        assertEquals(501002, row.resultCode());
        assertFalse(row.success());
        assertEquals("/admin/insertApiKey", row.path());

        String readRid = "audit-read-" + System.nanoTime();
        given().header("X-Request-Id", readRid).header("Authorization", Api.basic("1", "2")).get("/api/v1/status").then().statusCode(200);
        assertEquals(0, count(readRid));
    }
}
