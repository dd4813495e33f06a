package com.pveams.bootstrap.security;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Rotating the admin-token key as an operator does it: the new key in {@code ams.admin.jwt-secret}, the old one in
 * {@code ams.admin.jwt-previous-secrets}. Tokens the old key signed keep working; new tokens are signed with the new
 * key only.
 */
@QuarkusTest
@TestProfile(JwtKeyRotationTest.OldKeyListed.class)
@WithTestResource(EmbeddedPostgresResource.class)
class JwtKeyRotationTest {
    /** Random keys for this JVM, shared with {@link JwtKeyRotatedOutTest}, which restarts without the old key. */
    static final String NEW_KEY = randomKey();
    static final String OLD_KEY = randomKey();

    public static class OldKeyListed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.admin.jwt-secret", NEW_KEY, "ams.admin.jwt-previous-secrets", OLD_KEY);
        }
    }

    @Inject
    DataDirectory dataDir;

    @Test
    void aTokenSignedWithThePreviousKeyStillWorks() {
        String fresh = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        String old = resign(fresh, OLD_KEY);
        given().header("Authorization", old).get("/admin/test").then().statusCode(200).body("code", equalTo(20000));
        given().header("Authorization", fresh).get("/admin/test").then().statusCode(200).body("code", equalTo(20000));
    }

    @Test
    void newTokensAreSignedWithTheCurrentKeyNeverThePreviousOne() throws Exception {
        String fresh = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        assertEquals("admin", parser().verify(fresh, key(NEW_KEY)).getName());
        assertThrows(Exception.class, () -> parser().verify(fresh, key(OLD_KEY)));
    }

    @Test
    void aTokenSignedWithAnUnlistedKeyIsRefused() {
        String fresh = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        given().header("Authorization", resign(fresh, randomKey())).get("/admin/test")
                .then().statusCode(200).body("code", equalTo(501002));
    }

    /** The same claims (admin id, credential version, expiry) signed with another key. */
    static String resign(String token, String base64Key) {
        JsonWebToken claims;
        try {
            claims = new DefaultJWTParser().parseOnly(token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Jwt.issuer(claims.getIssuer()).subject(claims.getSubject()).upn(claims.getName())
                .claim("ver", Long.parseLong(String.valueOf((Object) claims.getClaim("ver"))))
                .issuedAt(Instant.ofEpochSecond(claims.getIssuedAtTime()))
                .expiresAt(Instant.ofEpochSecond(claims.getExpirationTime()))
                .jws().algorithm(SignatureAlgorithm.HS256).sign(key(base64Key));
    }

    static SecretKey key(String base64) {
        return new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256");
    }

    static DefaultJWTParser parser() {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        return new DefaultJWTParser(info);
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
