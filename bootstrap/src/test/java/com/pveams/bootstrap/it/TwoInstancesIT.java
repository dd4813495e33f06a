package com.pveams.bootstrap.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import java.time.Duration;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas on one database, each the packaged service in its own JVM (built by {@code package}, so this runs
 * in the failsafe {@code integration-test} phase): a credential revoked through one is refused by the other.
 * Separate processes rather than a second wiring inside the test JVM, because what must be proven is the whole
 * path between replicas: the V6 trigger, the other JVM's listener connection and its cache, with nothing shared
 * in memory. Both cache for a minute, so a refusal seen sooner can only come from the announcement. The wait is
 * a bounded poll with a generous limit; the observed latency is printed rather than asserted against the one-second
 * budget, so a loaded machine cannot fail the build.
 */
class TwoInstancesIT {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final String ADMIN_PASSWORD = "it-admin-password-1";

    private static EmbeddedPostgres pg;
    private static Path work;
    private static AppInstance a;
    private static AppInstance b;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        Path jar = Path.of(System.getProperty("ams.it.app-jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged service is missing: " + jar.toAbsolutePath());
        pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(120)).start();
        work = Files.createTempDirectory("ams-two-instances");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, String> shared = Map.of(
                "quarkus.datasource.jdbc.url", pg.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "ams.admin.jwt-secret", Base64.getEncoder().encodeToString(secret),
                "ams.admin.initial-password", ADMIN_PASSWORD,
                "ams.admin.bcrypt-cost", "4",
                "ams.auth.cache-ttl", "1m");
        // One after the other: the first migrates the schema and creates the admin.
        a = AppInstance.start("a", jar, work.resolve("a"), shared, 180);
        b = AppInstance.start("b", jar, work.resolve("b"), shared, 180);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            if (pg != null) {
                pg.close();
            }
        } finally {
            if (work != null) {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static RequestSpecification on(AppInstance instance) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(instance.port()).contentType(ContentType.JSON);
    }

    private static String login(AppInstance instance, String username, String password) {
        return on(instance).body(Map.of("username", username, "password", password)).post("/admin/loginDo")
                .then().statusCode(200).body("code", equalTo(20000)).extract().path("data");
    }

    private static int publicStatus(AppInstance instance, String authorization) {
        return on(instance).header("Authorization", authorization).get("/api/v1/status")
                .then().statusCode(200).extract().path("code");
    }

    private static int adminTest(AppInstance instance, String token) {
        return on(instance).header("Authorization", token).get("/admin/test").then().statusCode(200).extract().path("code");
    }

    /** Polls until the call is refused with 501002; returns the milliseconds that took. */
    private static long millisUntilRefused(String what, IntSupplier call) {
        long start = System.nanoTime();
        int calls = 1;
        int code = call.getAsInt();
        while (code != 501002 && System.nanoTime() - start < WAIT_NANOS) {
            code = call.getAsInt();
            calls++;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(501002, code, what + " was still accepted after " + millis + " ms");
        System.out.printf("TwoInstancesIT: %s refused by the other instance after %d ms, on call %d (budget 1000 ms: %s)%n",
                what, millis, calls, millis <= 1000 ? "met" : "MISSED");
        return millis;
    }

    @Test
    void aKeyDisabledThroughOneInstanceIsRefusedByTheOther() {
        String root = login(a, "admin", ADMIN_PASSWORD);
        JsonPath key = on(a).header("Authorization", root).body(Map.of("info", "two-instances"))
                .post("/admin/insertApiKey").then().body("code", equalTo(20000)).extract().jsonPath();
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (key.getString("data.appid") + ":" + key.getString("data.appkey")).getBytes(StandardCharsets.UTF_8));
        assertEquals(20000, publicStatus(b, auth));
        assertEquals(20000, publicStatus(b, auth)); // now in b's cache
        on(a).header("Authorization", root).put("/admin/disableApi/" + key.getLong("data.id"))
                .then().body("code", equalTo(20000));
        millisUntilRefused("the disabled key", () -> publicStatus(b, auth));
        assertEquals(501002, publicStatus(a, auth));
    }

    @Test
    void aPasswordChangedThroughOneInstanceEndsTheSessionOnTheOther() {
        String root = login(a, "admin", ADMIN_PASSWORD);
        String user = "it-" + System.nanoTime();
        on(a).header("Authorization", root).body(Map.of("username", user, "password", "first-password-1"))
                .post("/admin/registerDo").then().body("code", equalTo(20000));
        String token = login(a, user, "first-password-1");
        assertEquals(20000, adminTest(b, token));
        assertEquals(20000, adminTest(b, token)); // now in b's cache
        int id = on(a).header("Authorization", root).get("/admin/getSysuser?size=500").then().extract()
                .path("data.records.find { it.username == '" + user + "' }.id");
        on(a).header("Authorization", token).body(Map.of("id", id, "username", user, "password", "second-password-2"))
                .post("/admin/updateSysuser").then().body("code", equalTo(20000));
        millisUntilRefused("the old admin token", () -> adminTest(b, token));
        assertEquals(20000, adminTest(b, login(b, user, "second-password-2")));
    }
}
