package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** With {@code ams.openapi.ui=true} the Swagger UI is served (it is off by default: OperationsTest). */
@QuarkusTest
@TestProfile(SwaggerUiEnabledTest.UiOn.class)
@WithTestResource(EmbeddedPostgresResource.class)
class SwaggerUiEnabledTest {

    public static class UiOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.openapi.ui", "true");
        }
    }

    @Test
    void swaggerUiIsServedWhenSwitchedOn() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200);
    }
}
