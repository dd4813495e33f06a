package com.pveams.bootstrap.packaged;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The packaged artifact as it is shipped: the JVM jar here ({@code target/quarkus-app}), the native binary with
 * {@code -Dnative} where GraalVM or Mandrel exists. It runs with the prod profile and its own embedded PostgreSQL.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServiceResource.class)
class PackagedServiceIT {

    @Test
    void readinessChecksTheDatabaseAndLivenessDoesNot() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.not(hasItem("Database connections health check")));
    }

    @Test
    void theFirstAdminLogsInAndPagesTheAuditLog() {
        String token = login();
        given().header("Authorization", token).queryParam("page", 1).queryParam("size", 5)
                .get("/admin/getSystemLogs").then().statusCode(200)
                .body("code", equalTo(20000))
                .body("data.current", equalTo(1))
                .body("data.size", equalTo(5))
                .body("data.records", notNullValue())
                .body("data.records.uri", hasItem("/admin/loginDo"));
    }

    @Test
    void badInputGetsTheEnvelopeNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"username\":").post("/admin/loginDo").then().statusCode(200)
                .body("code", equalTo(4000001));
        given().contentType(ContentType.JSON).body(Map.of("password", "x")).post("/admin/loginDo").then()
                .statusCode(200).body("code", equalTo(4000002)).body("message", containsString("username"));
        given().header("Authorization", login()).queryParam("size", 501).get("/admin/getSystemLogs").then()
                .statusCode(200).body("code", equalTo(4000002)).body("message", containsString("size"));
        given().get("/admin/getSystemLogs").then().statusCode(200).body("code", equalTo(501002));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ams_operation_queue_depth"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    private static String login() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", PackagedServiceResource.ADMIN_PASSWORD))
                .post("/admin/loginDo").then().statusCode(200).body("code", equalTo(20000))
                .body("data", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .extract().path("data");
    }
}
