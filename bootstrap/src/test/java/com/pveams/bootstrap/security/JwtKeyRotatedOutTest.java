package com.pveams.bootstrap.security;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The end of a rotation: the old key removed from {@code ams.admin.jwt-previous-secrets}, its tokens refused. */
@QuarkusTest
@TestProfile(JwtKeyRotatedOutTest.OldKeyRemoved.class)
@WithTestResource(EmbeddedPostgresResource.class)
class JwtKeyRotatedOutTest {
    public static class OldKeyRemoved implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.admin.jwt-secret", JwtKeyRotationTest.NEW_KEY);
        }
    }

    @Inject
    DataDirectory dataDir;

    @Test
    void aTokenSignedWithTheRemovedKeyIsRefusedWhileTheCurrentKeysTokensWork() {
        String fresh = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        given().header("Authorization", fresh).get("/admin/test").then().statusCode(200).body("code", equalTo(20000));
        String old = JwtKeyRotationTest.resign(fresh, JwtKeyRotationTest.OLD_KEY);
        given().header("Authorization", old).get("/admin/test").then().statusCode(200).body("code", equalTo(501002));
    }
}
