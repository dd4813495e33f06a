package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class OperationsTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/api/common/osType").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiListsEveryEndpointWithItsAuthentication() {
        var doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String path : new String[]{"/{adminPath}/loginDo", "/{adminPath}/test", "/{adminPath}/registerDo",
                "/{adminPath}/getSysuser", "/{adminPath}/updateSysuser", "/{adminPath}/deleteSysUserById/{id}",
                "/{adminPath}/insertApiKey", "/{adminPath}/selectApiByPage", "/{adminPath}/deleteApi",
                "/{adminPath}/disableApi/{id}", "/{adminPath}/enableApi/{id}", "/{adminPath}/getControlledSecretKey",
                "/{adminPath}/getVmDefaultDiskSize", "/{adminPath}/updateVmDefaultDiskSize", "/{adminPath}/getAllConfig",
                "/{adminPath}/updateConfig", "/api/v1/status",
                "/api/common/cpuType", "/api/common/osType", "/api/common/osArch", "/api/common/version"}) {
            org.junit.jupiter.api.Assertions.assertNotNull(doc.get("paths['" + path + "']"), "missing " + path);
        }
        org.junit.jupiter.api.Assertions.assertNotNull(doc.get("paths['/{adminPath}/test'].get.security"));
        org.junit.jupiter.api.Assertions.assertNotNull(doc.get("paths['/api/v1/status'].get.security"));
        given().accept("application/json").get("/q/openapi").then()
                .body("components.securitySchemes.adminJwt.in", equalTo("header"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("basic"));
    }

    @Test
    void swaggerUiIsOffByDefaultWhileTheDocumentStays() {
        given().get("/q/swagger-ui/").then().statusCode(404);
        given().get("/q/swagger-ui/index.html").then().statusCode(404);
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", notNullValue());
    }
}
