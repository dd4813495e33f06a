package com.pveams.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends deterministic (seeded) malformed input to every operation of the legacy contract (a copy of its OpenAPI
 * export under {@code contract/}) and to every further operation the service documents itself ({@code /q/openapi}):
 * wrong JSON types per body field, broken bodies, bad path and query parameters, wrong methods and media types, and
 * missing or wrong credentials. Every answer must be the JSON envelope with a legacy code, never a 5xx, a stack
 * trace or the catch-all "internal error"; input that must be refused never gets 20000 and writes nothing.
 * Own profile: the fuzzed settings and accounts must not leak into the other end-to-end tests' application.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestProfile(FuzzTest.Isolated.class)
class FuzzTest {
    private static final long SEED = 0x5EED_F022L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Signs of a leaked internal failure: the catch-all answer, a stack trace, a class or SQL text. */
    private static final Pattern LEAK = Pattern.compile(
            "Internal error|service is busy|Exception|\\tat |java\\.|javax\\.|jakarta\\.|com\\.pveams|org\\.jboss"
                    + "|io\\.quarkus|io\\.vertx|SQLState|PSQLException|ERROR: ");
    /** Tables a refused request must leave exactly as they were (logs, throttling and leases are not business data). */
    private static final List<String> BUSINESS_TABLES = List.of("admin_account", "api_key", "cpu_model", "flavour",
            "ip_address", "ip_pool", "model_group", "model_group_smbios", "node", "operation", "operation_step",
            "os_image", "os_image_node", "region", "smbios_model", "system_settings", "vm", "vm_template",
            "vmid_reservation", "vnc_controller", "vm_console_session");

    /**
     * Fields of the contract the service reads nothing from, so any value is as harmless as an unknown field: the
     * settings page sends back the version it was shown.
     */
    private static final Set<String> IGNORED_FIELDS = Set.of("/admin/updateConfig version", "/admin/updateConfig build");

    public static class Isolated implements QuarkusTestProfile {
    }

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    enum Auth { NONE, ADMIN, PUBLIC }

    record Param(String name, String in) {
    }

    record Op(String method, String path, List<Param> params, Map<String, String> fields, boolean hasBody, Auth auth) {
        String key() {
            return method + " " + path;
        }
    }

    record Case(String label, String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                boolean mustRefuse) {
    }

    @Test
    void malformedInputIsAlwaysAnEnvelopeAndNeverAServerError() throws Exception {
        String admin = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        JsonPath key = Api.admin(admin).body(Map.of("info", "fuzz")).post("/admin/insertApiKey")
                .then().body("code", equalTo(20000)).extract().jsonPath();
        String publicAuth = Api.basic(key.getString("data.appid"), key.getString("data.appkey"));
        seedRows(admin);

        List<Op> ops = operations();
        assertTrue(ops.size() >= 140, "the contract and the service document at least 140 operations: " + ops.size());
        Map<String, Set<String>> methodsByPath = new TreeMap<>();
        ops.forEach(op -> methodsByPath.computeIfAbsent(op.path(), p -> new LinkedHashSet<>()).add(op.method()));

        Random rnd = new Random(SEED);
        List<Case> lenient = new ArrayList<>();
        for (Op op : ops) {
            Map<String, String> before = snapshot();
            for (Case c : cases(op, methodsByPath.get(op.path()), admin, publicAuth, rnd)) {
                if (c.mustRefuse()) {
                    check(c);
                } else {
                    lenient.add(c);
                }
            }
            // everything sent so far had to be refused: not one business row may have been written or changed
            Map<String, String> after = snapshot();
            if (!before.equals(after)) {
                before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).forEach(t ->
                        failures.add(op.key() + ": a refused request changed table " + t));
            }
        }
        for (Case c : lenient) {
            check(c);
        }
        assertTrue(sent > 3000, "the fuzzer sent too few requests to mean anything: " + sent);
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " fuzzed requests failed:\n"
                + String.join("\n", failures.subList(0, Math.min(200, failures.size()))));
        // the service still answers both sides after the storm (the lenient cases may well have disabled the first key)
        Api.admin(admin).get("/admin/getNodeCount").then().body("code", equalTo(20000));
        JsonPath fresh = Api.admin(admin).body(Map.of("info", "after")).post("/admin/insertApiKey")
                .then().body("code", equalTo(20000)).extract().jsonPath();
        given().header("Authorization", Api.basic(fresh.getString("data.appid"), fresh.getString("data.appkey")))
                .get("/api/v1/status").then().body("code", equalTo(20000));
    }

    // --- the operations

    private List<Op> operations() throws IOException {
        Map<String, Op> ops = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/contract/ProxmoxVE-AMS.openapi.json")) {
            JsonNode contract = JSON.readTree(in);
            read(contract, p -> p.startsWith("/api/") ? p : "/admin" + p, ops);
        }
        // what the service itself documents beyond the contract (node maintenance, operations, logs, ...)
        String own = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        read(JSON.readTree(own), p -> p.replace("{adminPath}", "admin"), ops);
        return new ArrayList<>(ops.values());
    }

    private static void read(JsonNode doc, java.util.function.UnaryOperator<String> servedAt, Map<String, Op> ops) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String served = servedAt.apply(path.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String method = e.getKey().toUpperCase();
                // the test suite's own deliberately failing endpoint (support/FailingResource) is not the product
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method) || served.startsWith("/test-support/")) {
                    continue;
                }
                JsonNode op = e.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    String in = p.path("in").asText();
                    if (in.equals("path") || in.equals("query")) {
                        params.add(new Param(p.path("name").asText(), in));
                    }
                }
                JsonNode body = op.path("requestBody").path("content").path("application/json");
                Map<String, String> fields = new TreeMap<>();
                JsonNode schema = resolve(doc, body.path("schema"));
                for (Iterator<Map.Entry<String, JsonNode>> f = schema.path("properties").fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = f.next();
                    fields.put(field.getKey(), resolve(doc, field.getValue()).path("type").asText("string"));
                }
                Auth auth = served.startsWith("/api/common/") || served.equals("/admin/loginDo") ? Auth.NONE
                        : served.startsWith("/api/") ? Auth.PUBLIC : Auth.ADMIN;
                Op parsed = new Op(method, served, params, fields, !body.isMissingNode(), auth);
                ops.putIfAbsent(normalised(parsed.key()), parsed);
            }
        }
    }

    private static String normalised(String key) {
        return key.replaceAll("\\{[^}]*}", "{}");
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            return target;
        }
        return schema;
    }

    // --- the cases

    private List<Case> cases(Op op, Set<String> declaredMethods, String admin, String publicAuth, Random rnd) {
        List<Case> out = new ArrayList<>();
        Map<String, String> auth = new LinkedHashMap<>();
        if (op.auth() == Auth.ADMIN) {
            auth.put("Authorization", admin);
        } else if (op.auth() == Auth.PUBLIC) {
            auth.put("Authorization", publicAuth);
        }
        Map<String, String> valid = validParams(op);
        String url = url(op, valid, null, null);
        byte[] okBody = op.hasBody() ? bodyWith(op, null, null) : null;

        // credentials: none, garbage, forged, the other side's
        if (op.auth() != Auth.NONE) {
            String other = op.auth() == Auth.ADMIN ? publicAuth : admin;
            String forged = op.auth() == Auth.ADMIN ? admin.substring(0, admin.length() - 3) + "AAA"
                    : Api.basic("1", "0".repeat(34));
            for (String header : new String[]{null, "", "garbage", "Basic !!!not-base64", forged, other,
                    "Basic " + Base64.getEncoder().encodeToString("\u0000:\u0000".getBytes(StandardCharsets.UTF_8))}) {
                Map<String, String> h = new LinkedHashMap<>();
                if (header != null) {
                    h.put("Authorization", header);
                }
                out.add(new Case("auth=" + printable(header), op.method(), url, json(h, okBody), okBody, true));
            }
        }
        // methods the path does not declare (the legacy leniency may take some of them)
        for (String m : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "FOO")) {
            if (!declaredMethods.contains(m)) {
                out.add(new Case("method=" + m, m, url, json(auth, okBody), okBody, false));
            }
        }
        // path and query parameters
        List<String> badParams = new ArrayList<>(List.of("abc", "-1", "0", "9223372036854775808",
                "-99999999999999999999999", "", "1.5", "1e3", " 1 ", "\u0000", "\uff11\uff12", "\u202e\u0007x",
                "'; DROP TABLE vm;--", "9".repeat(400), "NaN", "../../x", "%", "x".repeat(5000)));
        for (Param p : op.params()) {
            List<String> values = pick(badParams, 7, rnd);
            for (String v : values) {
                if (p.in().equals("path") && v.isEmpty()) {
                    continue;
                }
                out.add(new Case(p.name() + "=" + printable(v), op.method(), url(op, valid, p, v), json(auth, okBody),
                        okBody, false));
            }
            if (p.in().equals("query")) {
                String repeated = url(op, valid, null, null) + "&" + enc(p.name()) + "=abc&" + enc(p.name()) + "=-5";
                out.add(new Case(p.name() + " repeated", op.method(), repeated, json(auth, okBody), okBody, false));
            }
        }
        if (op.hasBody()) {
            bodyCases(op, url, auth, rnd, out);
        }
        return out;
    }

    private void bodyCases(Op op, String url, Map<String, String> auth, Random rnd, List<Case> out) {
        Map<String, String> jsonHeaders = json(auth, new byte[0]);
        // bodies that are not one JSON object must be refused
        List<String> broken = List.of("not json at all", "{\"a\":", "{} trailing", "{\"a\":1}}", "{\"a\":1}{\"b\":2}",
                "[1,2]", "\"a string\"", "42", "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001), "{'single':'quotes'}", "{a:1}", "\u0000");
        for (String b : broken) {
            out.add(new Case("body=" + printable(b), op.method(), url, jsonHeaders, bytes(b), true));
        }
        out.add(new Case("body=invalid UTF-8", op.method(), url, jsonHeaders,
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, true));
        // bodies that may be acceptable (empty, null, {}) but must not break anything
        for (String b : List.of("", "null", "{}", "\ufeff{}", "{\"id\":1,\"id\":\"x\"}", "{\"__proto__\":{}}")) {
            out.add(new Case("body=" + printable(b), op.method(), url, jsonHeaders, bytes(b), false));
        }
        // media types
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=x-bogus", "multipart/form-data; boundary=x", "*/*", ";;;")) {
            Map<String, String> h = new LinkedHashMap<>(auth);
            h.put("Content-Type", type);
            out.add(new Case("type=" + type, op.method(), url, h, bytes("{}"), false));
        }
        Map<String, String> noType = new LinkedHashMap<>(auth);
        out.add(new Case("type=none", op.method(), url, noType, bytes("{\"id\":1}"), false));
        if (op.fields().isEmpty()) {
            return;
        }
        // every field wrong at once: objects where scalars belong
        boolean anyScalar = op.fields().values().stream().anyMatch(t -> !t.equals("object"));
        ObjectNode allObjects = NODES.objectNode();
        op.fields().keySet().forEach(f -> allObjects.set(f, NODES.objectNode().put("x", 1)));
        out.add(new Case("all fields {}", op.method(), url, jsonHeaders, bytes(allObjects.toString()), anyScalar));
        ObjectNode allLong = NODES.objectNode();
        op.fields().forEach((f, t) -> allLong.put(f, "\u00e9\u0000\u202e" + "x".repeat(20_000)));
        out.add(new Case("all fields long strings", op.method(), url, jsonHeaders, bytes(allLong.toString()), false));
        // one field at a time, the rest absent (so nothing reaches a real host)
        List<Case> perField = new ArrayList<>();
        op.fields().forEach((field, type) -> {
            for (Map.Entry<String, Boolean> v : badValues(type).entrySet()) {
                perField.add(new Case(field + ":" + type + "=" + printable(v.getKey()), op.method(), url, jsonHeaders,
                        bodyWith(op, field, v.getKey()), v.getValue() && !IGNORED_FIELDS.contains(op.path() + " " + field)));
            }
        });
        out.addAll(pick(perField, 32, rnd));
    }

    /** JSON literals for a field of the given schema type, each with whether it must be refused. */
    private static Map<String, Boolean> badValues(String type) {
        Map<String, Boolean> v = new LinkedHashMap<>();
        switch (type) {
            case "integer", "number" -> {
                v.put("\"abc\"", true);
                v.put("{\"a\":1}", true);
                v.put("[1]", true);
                v.put("1e400", type.equals("integer"));
                v.put("99999999999999999999999", type.equals("integer"));
                v.put("-1", false);
                v.put("\"NaN\"", true);
                v.put("\"Infinity\"", true);
                v.put("1.5", type.equals("integer"));
                v.put("true", false);
                v.put("null", false);
                v.put("\"\"", false);
                v.put("\"1\"", false);
                v.put("-9223372036854775808", false);
            }
            case "boolean" -> {
                v.put("0", false);
                v.put("1", false);
                v.put("\"1\"", false);
                v.put("\"true\"", false);
                v.put("\"yes\"", true);
                v.put("2", true);
                v.put("{}", true);
                v.put("[true]", true);
                v.put("null", false);
                v.put("1.0", true);
            }
            case "object" -> {
                v.put("\"x\"", false);
                v.put("[]", false);
                v.put("5", false);
                v.put("{\"1\":{\"a\":[1]}}", false);
                v.put("{\"abc\":\"x\"}", false);
                v.put("{\"-1\":-1}", false);
                v.put("null", false);
            }
            case "array" -> {
                v.put("\"x\"", false);
                v.put("{}", false);
                v.put("[{}]", false);
                v.put("[null]", false);
                v.put("null", false);
            }
            default -> {
                v.put("{\"a\":1}", true);
                v.put("[\"a\"]", true);
                v.put("12345", false);
                v.put("true", false);
                v.put("null", false);
                v.put("\"\"", false);
                v.put(JSON.valueToTree("x".repeat(20_000)).toString(), false);
                v.put(JSON.valueToTree("\u0000\u0007\u202e\ud83d\ude00\u4e2d\u6587 \t\n<script>").toString(), false);
                v.put("\"../../x\"", false);
                v.put("\"  \"", false);
            }
        }
        return v;
    }

    /** A body of {@code field: literal}, plus {@code id: 1} so updates reach a row when there is one. */
    private static byte[] bodyWith(Op op, String field, String literal) {
        StringBuilder sb = new StringBuilder("{");
        if (op.fields().containsKey("id") && !"id".equals(field)) {
            sb.append("\"id\":1");
        }
        if (field != null) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(JSON.valueToTree(field).toString()).append(':').append(literal);
        }
        return bytes(sb.append('}').toString());
    }

    private static Map<String, String> validParams(Op op) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Param p : op.params()) {
            v.put(p.name(), switch (p.name()) {
                case "page" -> "1";
                case "size", "limit" -> "10";
                case "action" -> "start";
                case "node", "nodeType" -> "pve";
                case "timeframe" -> "hour";
                case "cf" -> "AVERAGE";
                case "param" -> "hostname";
                case "value", "uuid", "vnet", "zone" -> "x";
                default -> "1";
            });
        }
        return v;
    }

    private static String url(Op op, Map<String, String> valid, Param bad, String badValue) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (Param p : op.params()) {
            String value = p.equals(bad) ? badValue : valid.get(p.name());
            if (p.in().equals("path")) {
                path = path.replace("{" + p.name() + "}", enc(value).replace("+", "%20"));
            } else {
                query.append(query.isEmpty() ? "?" : "&").append(enc(p.name())).append('=').append(enc(value));
            }
        }
        path = path.replaceAll("\\{[^}]*}", "1");
        return path + (query.isEmpty() ? "?_=1" : query);
    }

    private static Map<String, String> json(Map<String, String> headers, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return h;
    }

    private static <T> List<T> pick(List<T> all, int n, Random rnd) {
        List<T> copy = new ArrayList<>(all);
        java.util.Collections.shuffle(copy, rnd);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    // --- sending and judging

    private void check(Case c) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + c.pathAndQuery()))
                .timeout(Duration.ofSeconds(60))
                .header("Accept-Language", "en")
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(req::header);
        sent++;
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            failures.add(c.method() + " " + abbreviate(c.pathAndQuery()) + " [" + c.label() + "] -> no answer: " + e);
            return;
        }
        String what = c.method() + " " + abbreviate(c.pathAndQuery()) + " [" + c.label() + "] -> " + res.statusCode() + " ";
        if (res.statusCode() >= 500) {
            failures.add(what + "server error: " + abbreviate(res.body()));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(res.body());
        } catch (IOException e) {
            failures.add(what + "not JSON: " + abbreviate(res.body()));
            return;
        }
        if (body == null || !body.isObject() || !body.path("code").isInt() || !body.path("message").isTextual()) {
            failures.add(what + "not the envelope: " + abbreviate(res.body()));
            return;
        }
        int code = body.path("code").asInt();
        String message = body.path("message").asText();
        if (LEAK.matcher(message).find()) {
            failures.add(what + "leaks an internal failure: " + code + " " + abbreviate(message));
        } else if (c.mustRefuse() && code == 20000) {
            failures.add(what + "accepted input that must be refused");
        } else if (code == 4000002 && !message.contains(": ")) {
            failures.add(what + "refused without naming the field: " + message);
        }
    }

    private static String abbreviate(String s) {
        String printable = printable(s);
        return printable.length() > 160 ? printable.substring(0, 160) + "...(" + s.length() + ")" : printable;
    }

    private static String printable(String s) {
        if (s == null) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(60).forEach(cp -> sb.append(cp < 0x20 || cp == 0x202e ? String.format("\\u%04x", cp)
                : new String(Character.toChars(cp))));
        return s.length() > 60 ? sb + "...(" + s.length() + ")" : sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // --- data

    /** A few rows for the fuzzed ids to land on, so that refused updates have something they must not change. */
    private void seedRows(String admin) {
        Api.admin(admin).body(Map.of("name", "fuzz-area")).post("/admin/addArea").then().body("code", equalTo(20000));
    }

    /** A digest of each business table's content. */
    private Map<String, String> snapshot() {
        InventoryRows rows = new InventoryRows(db);
        Map<String, String> digest = new TreeMap<>();
        for (String table : BUSINESS_TABLES) {
            digest.put(table, String.valueOf(rows.value(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM " + table + " t")));
        }
        return digest;
    }
}
