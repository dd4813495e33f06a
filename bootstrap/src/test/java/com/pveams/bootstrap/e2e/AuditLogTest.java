package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class AuditLogTest {
    private static final String SMILE = "\uD83D\uDE00"; // one code point, two UTF-16 chars
    private static final Pattern FAILURES = Pattern.compile("(?m)^ams_audit_write_failures_total(?:\\{[^}]*})?\\s+(\\S+)$");

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;

    record Row(String actorType, String actor, String method, String path, int httpStatus, int resultCode, boolean success,
               String detail, String logType, String userAgent, String responseBody) {
    }

    private Row byRequestId(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT actor_type, actor, method, path, http_status, result_code, success, detail,"
                     + " log_type, user_agent, response_body FROM audit_log WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no audit row for " + requestId);
                Row row = new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                        rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
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

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** A row the HTTP API cannot produce on demand (a server error, a past day), written as the service would. */
    private void insertRow(String requestId, OffsetDateTime at, int httpStatus, int resultCode) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (request_id, occurred_at, actor_type, actor, method,"
                     + " path, http_status, result_code, success, duration_ms) VALUES (?, ?, 'ADMIN', 'admin:admin', 'POST',"
                     + " '/admin/updateConfig', ?, ?, ?, 5)")) {
            ps.setString(1, requestId);
            ps.setObject(2, at);
            ps.setInt(3, httpStatus);
            ps.setInt(4, resultCode);
            ps.setBoolean(5, resultCode == 20000);
            ps.executeUpdate();
        }
    }

    private String root() {
        return Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    private static JsonPath logs(String token, Map<String, ?> query) {
        return Api.admin(token).queryParams(query).get("/admin/getSystemLogs")
                .then().statusCode(200).body("code", equalTo(20000)).extract().jsonPath();
    }

    private static long id(String token, String requestId) {
        JsonPath page = logs(token, Map.of("requestId", requestId));
        assertEquals(1, page.getInt("data.total"), page.prettify());
        return page.getLong("data.records[0].id");
    }

    private static double writeFailures() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = FAILURES.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void mutatingAdminCallIsRecordedWithSecretsMasked() throws Exception {
        String root = root();
        String user = "audited-" + System.nanoTime();
        Api.admin(root).header("X-Request-Id", "audit-register-" + user)
                .body(Map.of("username", user, "password", "Very-Secret-Pw-1", "email", "a@example.com"))
                .post("/admin/registerDo").then().statusCode(200);
        Row row = byRequestId("audit-register-" + user);
        assertEquals("ADMIN", row.actorType());
        assertEquals("admin:admin", row.actor());
        assertEquals("POST", row.method());
        assertEquals("/admin/registerDo", row.path());
        assertEquals("API", row.logType());
        assertEquals(20000, row.resultCode());
        assertTrue(row.success());
        assertTrue(row.detail().contains(user), row.detail());
        assertFalse(row.detail().contains("Very-Secret-Pw-1"), row.detail());
        assertTrue(row.detail().contains("******"), row.detail());
        assertTrue(row.responseBody().contains("\"code\":20000"), row.responseBody());
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
        assertEquals("LOGIN", row.logType());
        assertEquals(20402, row.resultCode());
        assertFalse(row.success());
        assertFalse(row.detail().contains("Body-Secret-1"), row.detail());
        assertFalse(row.detail().contains("Query-Secret-1"), row.detail());
        assertNull(row.responseBody(), "a login's answer (the token) is never kept");
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

    @Test
    void oversizedFreeTextIsCutToItsColumnsAndTheRowIsKept() throws Exception {
        String rid = "audit-long-" + System.nanoTime();
        // 500 code points; the 128th code point of "anonymous:" + username is the first emoji
        String username = "a".repeat(117) + SMILE.repeat(383);
        given().header("X-Request-Id", rid).header("User-Agent", "agent/" + "x".repeat(400)).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "Wrong-Pw-1"))
                .post("/admin/loginDo").then().statusCode(200);
        Row row = byRequestId(rid);
        assertEquals("anonymous:" + "a".repeat(117) + SMILE, row.actor(), "cut at 128 code points, the emoji kept whole");
        assertEquals(256, row.userAgent().length());
        assertEquals("LOGIN", row.logType());
        assertTrue(row.detail().contains("a".repeat(117)), row.detail());
    }

    @Test
    void aFailedAuditWriteIsLoggedWithTheRequestIdAndCounted() throws Exception {
        String rid = "audit-lost-" + System.nanoTime();
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger filterLog = Logger.getLogger("com.pveams.adapters.rest.audit.AuditFilter");
        double before = writeFailures();
        // The database refuses this one request's row, as it would on a full disk or a lost connection.
        sql("ALTER TABLE audit_log ADD CONSTRAINT ck_test_refuse_row CHECK (request_id NOT LIKE 'audit-lost-%') NOT VALID");
        filterLog.addHandler(capture);
        try {
            given().header("X-Request-Id", rid).header("Authorization", "forged.token.value").contentType(ContentType.JSON)
                    .body(Map.of("info", "x")).post("/admin/insertApiKey")
                    .then().statusCode(200).body("code", equalTo(501002)); // the caller's answer is unchanged
        } finally {
            filterLog.removeHandler(capture);
            sql("ALTER TABLE audit_log DROP CONSTRAINT ck_test_refuse_row");
        }
        assertEquals(0, count(rid));
        assertEquals(before + 1, writeFailures(), 0.0);
        assertTrue(errors.stream().anyMatch(r -> r.getMessage().contains(rid)), "no ERROR log line naming " + rid);
    }

    @Test
    void logsArePagedNewestFirstWithTheLegacyFields() throws Exception {
        String root = root();
        String rid = "audit-list-" + System.nanoTime();
        String info = "list-info-" + System.nanoTime();
        Api.admin(root).header("X-Request-Id", rid).header("User-Agent", "list-test/1").body(Map.of("info", info))
                .post("/admin/insertApiKey").then().statusCode(200).body("code", equalTo(20000));

        JsonPath page = logs(root, Map.of("requestId", rid));
        assertEquals(1, page.getInt("data.total"));
        Map<String, Object> r = page.getMap("data.records[0]");
        assertEquals(rid, r.get("requestId"));
        assertEquals("API", r.get("logType"));
        assertEquals("INFO", r.get("level"));
        assertEquals("POST", r.get("method"));
        assertEquals("/admin/insertApiKey", r.get("uri"));
        assertEquals("admin:admin", r.get("operator"));
        assertEquals("ADMIN", r.get("authType"));
        assertEquals(200, r.get("httpStatus"));
        assertEquals(20000, r.get("businessCode"));
        assertEquals("SUCCESS", r.get("businessMessage"));
        assertEquals("POST /admin/insertApiKey SUCCESS", r.get("content"));
        assertEquals("list-test/1", r.get("userAgent"));
        long createTime = ((Number) r.get("createTime")).longValue();
        assertTrue(Math.abs(System.currentTimeMillis() - createTime) < 3_600_000, "createTime is epoch ms: " + createTime);

        // MyBatis-Plus page shape, newest first, bounded size; at least two pages of two
        for (int i = 0; i < 3; i++) {
            Api.admin(root).body(Map.of("info", info + "-" + i)).post("/admin/insertApiKey").then().statusCode(200);
        }
        JsonPath first = logs(root, Map.of("page", 1, "size", 2));
        assertEquals(2, first.getList("data.records").size());
        assertEquals(2, first.getInt("data.size"));
        assertEquals(1, first.getInt("data.current"));
        long total = first.getLong("data.total");
        assertEquals((total + 1) / 2, first.getLong("data.pages"));
        assertTrue(first.getLong("data.records[0].createTime") >= first.getLong("data.records[1].createTime"));
        JsonPath second = logs(root, Map.of("page", 2, "size", 2));
        assertEquals(2, second.getInt("data.current"));
        assertFalse(first.getList("data.records.id").contains(second.getLong("data.records[0].id")));
        Api.admin(root).queryParam("size", 501).get("/admin/getSystemLogs").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString("size"));
    }

    @Test
    void eachFilterNarrowsTheList() throws Exception {
        String root = root();
        long n = System.nanoTime();
        String user = "filter-user-" + n;
        String loginRid = "audit-f-login-" + n;
        given().header("X-Request-Id", loginRid).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "Wrong-Pw-1")).post("/admin/loginDo").then().statusCode(200);
        String apiRid = "audit-f-api-" + n;
        Api.admin(root).header("X-Request-Id", apiRid).body(Map.of("info", "note-" + user))
                .post("/admin/insertApiKey").then().statusCode(200);
        String errorRid = "audit-f-error-" + n;
        insertRow(errorRid, OffsetDateTime.now(), 503, 20400);
        String pastRid = "audit-f-past-" + n;
        // 2020-03-01 01:00 in Shanghai (the test time zone) is still 2020-02-29 in UTC
        insertRow(pastRid, OffsetDateTime.parse("2020-03-01T01:00:00+08:00"), 200, 20000);

        // keyword: the claimed username (operator) and the API call's body both contain it
        JsonPath byKeyword = logs(root, Map.of("keyword", user.toUpperCase()));
        assertEquals(List.of(apiRid, loginRid), byKeyword.getList("data.records.requestId"));
        // type
        assertEquals(List.of(loginRid), logs(root, Map.of("keyword", user, "type", "LOGIN")).getList("data.records.requestId"));
        assertEquals(List.of(apiRid), logs(root, Map.of("keyword", user, "type", "api")).getList("data.records.requestId"));
        assertEquals(2, logs(root, Map.of("keyword", user, "type", "all", "level", "all")).getInt("data.total"));
        // level, derived from the outcome
        assertEquals(List.of(loginRid), logs(root, Map.of("keyword", user, "level", "WARN")).getList("data.records.requestId"));
        assertEquals(List.of(apiRid), logs(root, Map.of("keyword", user, "level", "INFO")).getList("data.records.requestId"));
        assertEquals(0, logs(root, Map.of("requestId", errorRid, "level", "WARN")).getInt("data.total"));
        JsonPath errors = logs(root, Map.of("level", "ERROR", "size", 500));
        assertTrue(errors.getList("data.records.requestId").contains(errorRid));
        assertEquals(List.of("ERROR"), errors.getList("data.records.level").stream().distinct().toList());
        for (String level : List.of("INFO", "WARN")) {
            List<Object> levels = logs(root, Map.of("level", level, "size", 500)).getList("data.records.level");
            assertFalse(levels.isEmpty());
            assertEquals(List.of(level), levels.stream().distinct().toList());
        }
        // request id
        assertEquals("LOGIN", logs(root, Map.of("requestId", loginRid)).getString("data.records[0].logType"));
        assertEquals(0, logs(root, Map.of("requestId", "no-such-request-id")).getInt("data.total"));
        // date: one calendar day in ams.audit.time-zone
        assertEquals(List.of(pastRid), logs(root, Map.of("date", "2020-03-01")).getList("data.records.requestId"));
        assertEquals(0, logs(root, Map.of("date", "2020-02-29", "requestId", pastRid)).getInt("data.total"));
        // LIKE wildcards in a keyword are taken literally
        assertEquals(0, logs(root, Map.of("keyword", "filter%user_" + n)).getInt("data.total"));
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        String root = root();
        Map<String, String> bad = Map.of("type", "OPERATION", "level", "DEBUG", "date", "2024-13-01",
                "page", "first", "size", "0", "keyword", "k".repeat(129));
        bad.forEach((param, value) -> Api.admin(root).queryParam(param, value).get("/admin/getSystemLogs")
                .then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString(param)));
        Api.admin(root).get("/admin/getSystemLogDetail/abc").then().statusCode(200)
                .body("code", equalTo(4000002)).body("message", containsString("id"));
    }

    @Test
    void detailShowsTheRedactedRequestAndResponse() throws Exception {
        String root = root();
        String rid = "audit-detail-" + System.nanoTime();
        String appKey = Api.admin(root).header("X-Request-Id", rid).queryParam("token", "Query-Token-1").queryParam("note", "q")
                .body(Map.of("info", "detail-key", "password", "Body-Secret-2"))
                .post("/admin/insertApiKey").then().statusCode(200).body("code", equalTo(20000))
                .extract().path("data.appkey");

        JsonPath d = Api.admin(root).get("/admin/getSystemLogDetail/" + id(root, rid))
                .then().statusCode(200).body("code", equalTo(20000)).extract().jsonPath();
        assertEquals(rid, d.getString("data.requestId"));
        assertEquals("POST /admin/insertApiKey SUCCESS", d.getString("data.content"));
        String query = d.getString("data.queryString");
        assertTrue(query.contains("note=q") && query.contains("token=******"), query);
        String body = d.getString("data.requestBody");
        assertTrue(body.contains("\"info\":\"detail-key\"") && body.contains("\"password\":\"******\""), body);
        String response = d.getString("data.responseBody");
        assertTrue(response.contains("\"appkey\":\"******\"") && response.contains("\"code\":20000"), response);
        String all = d.prettify();
        for (String secret : List.of("Query-Token-1", "Body-Secret-2", appKey)) {
            assertFalse(all.contains(secret), "secret in the audit detail: " + all);
            assertEquals(0, logs(root, Map.of("keyword", secret)).getInt("data.total"), "a secret is searchable");
        }
    }

    @Test
    void aLoginRowNeverHoldsTheToken() throws Exception {
        String rid = "audit-ok-login-" + System.nanoTime();
        String token = given().header("X-Request-Id", rid).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.initialAdminPassword(dataDir.path())))
                .post("/admin/loginDo").then().statusCode(200).body("code", equalTo(20000)).extract().path("data");
        JsonPath d = Api.admin(token).get("/admin/getSystemLogDetail/" + id(token, rid)).then().extract().jsonPath();
        assertEquals("LOGIN", d.getString("data.logType"));
        assertEquals("INFO", d.getString("data.level"));
        assertEquals("LOGIN SUCCESS, admin:admin", d.getString("data.content"));
        assertNull(d.get("data.responseBody"));
        assertTrue(d.getString("data.requestBody").contains("\"password\":\"******\""), d.prettify());
        assertFalse(d.prettify().contains(token));
    }

    @Test
    void anUnknownIdIsTheLegacyFailure() {
        Api.admin(root()).get("/admin/getSystemLogDetail/999999999").then().statusCode(200)
                .body("code", equalTo(20400)).body("data", equalTo(null));
    }

    @Test
    void readingTheLogNeedsAnAdminOnTheAdminPath() {
        given().get("/admin/getSystemLogs").then().statusCode(200).body("code", equalTo(501002));
        given().header("Authorization", "forged.token.value").get("/admin/getSystemLogDetail/1").then().statusCode(200)
                .body("code", equalTo(501002));
        given().header("Authorization", Api.basic("1", "2")).get("/admin/getSystemLogs").then().statusCode(200)
                .body("code", equalTo(501002));
        String root = root();
        given().header("Authorization", root).get("/notadmin/getSystemLogs").then().statusCode(200)
                .body("code", equalTo(4030001));
        given().header("Authorization", root).get("/notadmin/getSystemLogDetail/1").then().statusCode(200)
                .body("code", equalTo(4030001));
    }
}
