package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login throttling through the real stack, with the client address taken from X-Forwarded-For (proxy forwarding
 * is on in the test configuration, trusting loopback only). Limits are the defaults (5 failures per username and
 * address, 20 per address, the username slowed from its 10th failure on, from 0.5 s doubling) except the largest
 * delay, 30 s here.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class LoginThrottleTest {
    private static final String RIGHT = "correct-horse-1";

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;

    private static ValidatableResponse attempt(String username, String password, String from) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
                .body(Map.of("username", username, "password", password))
                .post("/admin/loginDo").then().statusCode(200);
    }

    private String newAdmin(String prefix) {
        String user = prefix + System.nanoTime();
        Api.newAdmin(Api.login("admin", Api.initialAdminPassword(dataDir.path())), user, RIGHT);
        return user;
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void exec(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    @Test
    void theAttackersAddressIsRefusedWhileTheRightPasswordLogsInFromAnother() throws Exception {
        String user = newAdmin("victim-");
        for (int i = 0; i < 5; i++) {
            attempt(user, "bad-password", "203.0.113.10").body("code", equalTo(20402));
        }
        attempt(user, RIGHT, "203.0.113.10")
                .body("code", equalTo(4010001))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        attempt(user, RIGHT, "198.51.100.10")
                .body("code", equalTo(20000))
                .body("data", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));
        // Counted under the forwarded address, and the refusal left no row.
        assertEquals(5, count("SELECT count(*) FROM login_attempt WHERE username = ? AND client_address = ?"
                + " AND NOT succeeded AND NOT forgiven", user, "203.0.113.10"));
        assertEquals(1, count("SELECT count(*) FROM login_attempt WHERE username = ? AND client_address = ?"
                + " AND succeeded", user, "198.51.100.10"));
    }

    @Test
    void theUsernameIsSlowedAcrossAddressesButNotLocked() throws Exception {
        String user = newAdmin("slowed-");
        // 40 failures from 40 addresses, as other replicas would have recorded them, just now.
        exec("INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq, address_seq, username_seq)"
                + " SELECT ?, '198.18.7.' || g, now(), 1, 1, 100 + g FROM generate_series(1, 40) g", user);
        // Far past the ceiling, yet the wait is at most the cap (30 s in the test configuration, so that no slow
        // machine can let it pass unnoticed), and the refusal counts nothing.
        String retryAfter = attempt(user, RIGHT, "198.51.100.20")
                .body("code", equalTo(4010001))
                .header("Retry-After", Integer::parseInt, allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(30)))
                .extract().header("Retry-After");
        assertEquals(40, count("SELECT count(*) FROM login_attempt WHERE username = ? AND NOT succeeded", user));
        // Move the history that many seconds into the past (this test's hand-moved clock): the owner logs in.
        exec("UPDATE login_attempt SET attempted_at = attempted_at - make_interval(secs => ?) WHERE username = ?",
                Integer.parseInt(retryAfter), user);
        attempt(user, RIGHT, "198.51.100.20").body("code", equalTo(20000));
    }

    @Test
    void fiftyParallelWrongPasswordsFromOneAddressGetFivePasswordChecks() throws Exception {
        String user = "burst-" + System.nanoTime();
        int burst = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        List<Future<ValidatableResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return attempt(user, "wrong-password", "203.0.113.50");
                }));
            }
            start.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<ValidatableResponse> answer : answers) {
                ValidatableResponse r = answer.get(120, TimeUnit.SECONDS);
                int code = r.extract().path("code");
                if (code == 20402) {
                    checked++;
                } else {
                    assertEquals(4010001, code);
                    r.header("Retry-After", matchesPattern("[1-9][0-9]*"));
                    refused++;
                }
            }
            assertEquals(5, checked);
            assertEquals(45, refused);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        }
        assertEquals(5, count("SELECT count(*) FROM login_attempt WHERE username = ?", user));
    }
}
