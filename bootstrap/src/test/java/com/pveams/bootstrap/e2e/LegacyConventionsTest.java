package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.RawHttp;
import com.pveams.bootstrap.support.RawHttp.RawResponse;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class LegacyConventionsTest {
    @Inject
    DataDirectory dataDir;
    @TestHTTPResource("/")
    URL base;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    @Test
    void unknownRoutesAnswer501001() {
        given().get("/admin/noSuchEndpoint").then().statusCode(200).body("code", equalTo(501001)).body("message", equalTo("无效的API"));
        given().post("/totally/unknown/path").then().statusCode(200).body("code", equalTo(501001));
        given().get("/api/v1/nothing").then().statusCode(200).body("code", equalTo(501001));
    }

    @Test
    void malformedJsonIs4000001() {
        Api.admin(root).body("{\"Linux\": 50").post("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).body("code", equalTo(4000001)).body("message", not(containsString("Exception")));
    }

    @Test
    void wrongTypesAndMissingFieldsNameTheField() {
        Api.admin(root).body(Map.of("Linux", "forty", "Windows", 60)).post("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("Linux"));
        Api.admin(root).body(Map.of("Linux", List.of(1), "Windows", 60)).post("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("Linux"));
        Api.admin(root).body(Map.of("Linux", 40)).post("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("Windows"));
        Api.admin(root).body(Map.of("Linux", 0, "Windows", 60)).post("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("Linux"));
        Api.admin(root).body("[1,2]").post("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).body("code", equalTo(4000002));
        Api.admin(root).body(Map.of("username", 5, "password", true)).post("/admin/registerDo")
                .then().statusCode(200).body("code", equalTo(4000002));
    }

    @Test
    void messagesSwitchToEnglishOnRequest() {
        Api.admin(root).header("Accept-Language", "en-US,en;q=0.9,zh;q=0.5").body(Map.of("Linux", 40))
                .post("/admin/updateVmDefaultDiskSize").then().body("message", equalTo("Invalid parameter: Windows is required"));
        given().header("Accept-Language", "en").get("/admin/test").then().body("message", equalTo("API authentication failed"));
        given().header("Accept-Language", "zh-CN,en;q=0.8").get("/admin/test").then().body("message", equalTo("API鉴权失败"));
    }

    @Test
    void pageParametersAreCheckedAndBounded() {
        Api.admin(root).get("/admin/getSysuser?size=100000").then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("size"));
        Api.admin(root).get("/admin/getSysuser?size=-1").then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("size"));
        Api.admin(root).get("/admin/getSysuser?page=0").then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("page"));
        Api.admin(root).get("/admin/selectApiByPage?page=x").then().statusCode(200).body("code", equalTo(4000002)).body("message", containsString("page"));
        Api.admin(root).get("/admin/getSysuser").then().statusCode(200)
                .body("data.size", equalTo(20)).body("data.current", equalTo(1))
                .body("data", aMapWithSize(10));
    }

    @Test
    void defaultDiskSizesRoundTripWithPostAndPut() {
        Api.admin(root).body(Map.of("Linux", 45, "Windows", 65)).put("/admin/updateVmDefaultDiskSize")
                .then().body("code", equalTo(20000)).body("data", equalTo(null));
        Api.admin(root).get("/admin/getVmDefaultDiskSize").then().body("data.Linux", equalTo(45)).body("data.Windows", equalTo(65));
        Api.admin(root).body(Map.of("Linux", 40, "Windows", 60)).post("/admin/updateVmDefaultDiskSize").then().body("code", equalTo(20000));
        Api.admin(root).get("/admin/getVmDefaultDiskSize").then().body("data.Linux", equalTo(40)).body("data.Windows", equalTo(60));
    }

    @Test
    void controlledSecretIsStableAndLong() {
        String first = Api.admin(root).get("/admin/getControlledSecretKey").then().body("code", equalTo(20000))
                .body("data", matchesPattern("[0-9a-f]{64}")).extract().path("data");
        Api.admin(root).get("/admin/getControlledSecretKey").then().body("data", equalTo(first));
    }

    @Test
    void commonEndpointsNeedNoAuthentication() {
        given().get("/api/common/cpuType").then().statusCode(200).body("code", equalTo(20000))
                .body("data.host", equalTo("KVM processor with all supported host features"))
                .body("data.kvm64", equalTo("Common KVM processor"))
                .body("data.EPYC", equalTo("AMD"));
        given().get("/api/common/osType").then().body("data", equalTo(List.of("linux", "windows", "solaris", "other")));
        // The contract's spelling, which clients send back; inputs also take the real name aarch64 (OsCatalog).
        given().get("/api/common/osArch").then().body("data", equalTo(List.of("x86_64", "arrch64")));
        given().post("/api/common/version").then().statusCode(200).body("code", equalTo(20000))
                .body("data", hasKey("name")).body("data", hasKey("description"))
                .body("data", hasKey("version")).body("data", hasKey("buildVersion"));
    }

    @Test
    void optionsAndCorsPreflightAnswer200() {
        given().options("/admin/anything").then().statusCode(200);
        given().header("Origin", "https://panel.example.com").header("Access-Control-Request-Method", "POST")
                .options("/admin/loginDo").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://panel.example.com");
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        given().header("X-Request-Id", "panel-req-12345").get("/api/common/osType").then().header("X-Request-Id", "panel-req-12345");
        given().get("/api/common/osType").then().header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
        given().header("X-Request-Id", "bad id with spaces").get("/api/common/osType").then().header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void overSizeBodiesAnswerTheEnvelope() throws Exception {
        String zh = "参数异常: 请求体超过 1 MB 上限";
        String en = "Malformed request: the request body exceeds the 1 MB limit";
        byte[] body = twoMegabytesOfJson();
        // A declared length over the limit is refused before the body is sent when the client asks first.
        RawResponse asked = RawHttp.exchange(base, "POST /admin/loginDo HTTP/1.1", Map.of("Content-Type", "application/json",
                "Expect", "100-continue", "Content-Length", Integer.toString(body.length)), null, false);
        assertEquals(200, asked.status());
        assertEquals("application/json", asked.header("content-type"));
        assertEquals(4000001, JsonPath.from(asked.body()).getInt("code"));
        assertEquals(zh, JsonPath.from(asked.body()).getString("message"));
        assertTrue(asked.header("x-request-id").matches("[0-9a-f]{32}"));
        assertTrue(asked.closedAfter());

        // A client that writes the whole body before reading still gets the answer: declared length...
        RawResponse declared = RawHttp.exchange(base, "POST /admin/updateVmDefaultDiskSize HTTP/1.1",
                Map.of("Authorization", root, "Content-Type", "application/json", "Accept-Language", "en",
                        "Content-Length", Integer.toString(body.length)), body, false);
        assertEquals(200, declared.status());
        assertEquals(4000001, JsonPath.from(declared.body()).getInt("code"));
        assertEquals(en, JsonPath.from(declared.body()).getString("message"));
        assertEquals("close", declared.header("connection"));
        assertTrue(declared.closedAfter());

        // ...and a chunked body without Content-Length, refused once it crosses the limit.
        RawResponse chunked = RawHttp.exchange(base, "POST /admin/loginDo HTTP/1.1",
                Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"), body, true);
        assertEquals(200, chunked.status());
        assertEquals(4000001, JsonPath.from(chunked.body()).getInt("code"));
        assertEquals(zh, JsonPath.from(chunked.body()).getString("message"));
        assertTrue(chunked.closedAfter());

        // A chunked body under the limit still reaches the resource.
        RawResponse small = RawHttp.exchange(base, "POST /admin/updateVmDefaultDiskSize HTTP/1.1", Map.of("Authorization", root,
                "Content-Type", "application/json", "Transfer-Encoding", "chunked", "Connection", "close"),
                "{\"Linux\":41,\"Windows\":61}".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(20000, JsonPath.from(small.body()).getInt("code"), small.body());
        Api.admin(root).get("/admin/getVmDefaultDiskSize").then().body("data.Linux", equalTo(41));

        // A body under the limit is still read.
        Api.admin(root).body(Map.of("Linux", 40, "Windows", 60)).post("/admin/updateVmDefaultDiskSize").then().body("code", equalTo(20000));
    }

    @Test
    void unsupportedContentTypeIsEnveloped() {
        Api.admin(root).contentType("text/xml").body("<Linux>40</Linux>").post("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).contentType(ContentType.JSON).body("code", equalTo(4000001))
                .body("message", equalTo("参数异常: Content-Type 必须是 application/json")).body("data", nullValue());
        Api.admin(root).contentType("text/xml").header("Accept-Language", "en").body("<Linux>40</Linux>")
                .post("/admin/updateVmDefaultDiskSize").then().statusCode(200).body("code", equalTo(4000001))
                .body("message", equalTo("Malformed request: Content-Type must be application/json"));
        given().contentType(ContentType.TEXT).body("username=admin").post("/admin/loginDo")
                .then().statusCode(200).body("code", equalTo(4000001));
    }

    @Test
    void aRequestWithoutABodyNeedsNoContentType() throws Exception {
        // what a browser's HTTP library sends for a PUT/POST without data: no body, no Content-Type
        String appId = Api.admin(root).body(java.util.Map.of("info", "bodiless")).post("/admin/insertApiKey")
                .then().body("code", equalTo(20000)).extract().path("data.appid");
        long id = Api.admin(root).get("/admin/selectApiByPage?size=500").then().extract().jsonPath()
                .getLong("data.records.find { it.appid == '" + appId + "' }.id");
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/admin/disableApi/" + id))
                        .header("Authorization", root)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertFalse(answer.request().headers().firstValue("Content-Type").isPresent());
        org.junit.jupiter.api.Assertions.assertTrue(answer.body().contains("\"code\":20000"), answer.body());
        Api.admin(root).get("/admin/selectApiByPage?size=500").then()
                .body("data.records.find { it.appid == '" + appId + "' }.status", equalTo(1));
    }

    @Test
    void notAcceptableIsEnveloped() {
        given().accept("application/xml").get("/api/common/osType").then().statusCode(200).contentType(ContentType.JSON)
                .body("code", equalTo(4000001)).body("message", equalTo("参数异常: Accept 必须接受 application/json"));
        Api.admin(root).accept("application/xml").header("Accept-Language", "en").get("/admin/getSysuser")
                .then().statusCode(200).body("code", equalTo(4000001))
                .body("message", equalTo("Malformed request: Accept must accept application/json"));
    }

    @Test
    void wrongMethodsAreEnveloped() {
        Api.admin(root).body(Map.of("Linux", 40, "Windows", 60)).patch("/admin/updateVmDefaultDiskSize")
                .then().statusCode(200).contentType(ContentType.JSON).body("code", equalTo(501001))
                .body("message", equalTo("无效的API: 该接口不支持 PATCH 请求"));
        given().header("Accept-Language", "en").request("TRACE", "/api/common/osType")
                .then().statusCode(200).body("code", equalTo(501001))
                .body("message", equalTo("Invalid API: TRACE is not supported on this path"));
        given().request("TRACE", "/admin/loginDo").then().statusCode(200).body("code", equalTo(501001))
                .body("message", equalTo("无效的API: 该接口不支持 TRACE 请求"));
        given().header("Accept-Language", "en").patch("/api/common/osArch").then().statusCode(200)
                .body("message", equalTo("Invalid API: PATCH is not supported on this path"));
    }

    private static byte[] twoMegabytesOfJson() {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        byte[] head = "{\"Linux\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }
}
