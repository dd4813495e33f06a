package com.pveams.bootstrap.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Small helpers shared by the end-to-end tests: log in, call admin and public endpoints. */
public final class Api {
    private Api() {
    }

    public static String initialAdminPassword(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("initial-admin-password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/admin/loginDo")
                .then().statusCode(200)
                .extract().path("data");
    }

    public static RequestSpecification admin(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }

    public static String basic(String appId, String appKey) {
        return "Basic " + Base64.getEncoder().encodeToString((appId + ":" + appKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Registers an admin and returns its token. */
    public static String newAdmin(String rootToken, String username, String password) {
        admin(rootToken).body(Map.of("username", username, "password", password, "name", "n", "email", username + "@example.com", "phone", "1"))
                .post("/admin/registerDo").then().statusCode(200);
        return login(username, password);
    }
}
