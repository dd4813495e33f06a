package com.pveams.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The service's HTTP API as the clients call it: the admin token or a billing key, JSON envelopes. */
public final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String adminToken;
    private String basic;

    public Api(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public void login(String password) {
        JsonNode r = send(request("/admin/loginDo").POST(body(JSON.createObjectNode().put("username", "admin")
                .put("password", password))), true);
        adminToken = r.get("data").asText();
    }

    public void useApiKey(String appId, String appKey) {
        basic = "Basic " + Base64.getEncoder().encodeToString((appId + ":" + appKey).getBytes(StandardCharsets.UTF_8));
    }

    public String adminToken() {
        return adminToken;
    }

    public String basic() {
        return basic;
    }

    public JsonNode adminPost(String path, Object body) {
        return send(request("/admin/" + path).header("Authorization", adminToken).POST(body(body)), true);
    }

    public JsonNode adminGet(String pathAndQuery) {
        return send(request("/admin/" + pathAndQuery).header("Authorization", adminToken).GET(), true);
    }

    /** A public call; the envelope is returned whatever its code. */
    public JsonNode publicPost(String path, Object body) {
        return send(request("/api/v1/" + path).header("Authorization", basic).POST(body(body)), false);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept-Language", "en");
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder b, boolean requireSuccess) {
        HttpRequest req = b.build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode env = JSON.readTree(r.body());
            if (requireSuccess && env.path("code").asInt() != 20000) {
                throw new IllegalStateException(req.method() + " " + req.uri().getPath() + " answered " + r.body());
            }
            return env;
        } catch (IOException e) {
            throw new IllegalStateException(req.method() + " " + req.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
