package com.pveams.bootstrap.e2e;

import com.pveams.application.port.in.HousekeepingUseCase;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HousekeepingTest {
    @Inject
    DataSource dataSource;
    @Inject
    HousekeepingUseCase housekeeping;

    private int count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void exec(String sql) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    @Test
    void failuresWrittenByAnotherReplicaRefuseTheAddressHere() throws Exception {
        String user = "shared-" + System.nanoTime();
        exec("INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq, address_seq, username_seq)"
                + " SELECT '" + user + "', '198.18.9.9', now() - interval '5 seconds', g, g, g FROM generate_series(1, 5) g");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.18.9.9")
                .body(Map.of("username", user, "password", "whatever-1"))
                .post("/admin/loginDo").then().statusCode(200).body("code", equalTo(4010001));
    }

    @Test
    void purgeRemovesExpiredAuditRowsAndLoginFailuresOnly() throws Exception {
        exec("INSERT INTO audit_log (request_id, occurred_at, actor_type, method, path, http_status, result_code, success, duration_ms) "
                + "VALUES ('old-audit', now() - interval '400 days', 'ANONYMOUS', 'POST', '/x', 200, 20000, true, 1), "
                + "('new-audit', now() - interval '1 day', 'ANONYMOUS', 'POST', '/x', 200, 20000, true, 1)");
        exec("INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq, address_seq, username_seq)"
                + " VALUES ('old-f', '198.18.9.10', now() - interval '2 hours', 1, 1, 1), ('new-f', '198.18.9.10', now(), 1, 2, 1)");
        HousekeepingUseCase.Purged purged = housekeeping.purgeExpired();
        assertTrue(purged.auditRows() >= 1);
        assertTrue(purged.loginFailures() >= 1);
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE request_id = 'old-audit'"));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE request_id = 'new-audit'"));
        assertEquals(0, count("SELECT count(*) FROM login_attempt WHERE username = 'old-f'"));
        assertEquals(1, count("SELECT count(*) FROM login_attempt WHERE username = 'new-f'"));
    }
}
