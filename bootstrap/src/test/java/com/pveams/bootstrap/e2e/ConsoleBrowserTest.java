package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.io.File;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console page in a real browser: Debian's headless chromium, driven through chromedriver, opens the getVnc URL, loads noVNC from the jar,
 * goes through the proxy to the simulator's VNC server and must reach noVNC's connected state
 * ({@code body[data-state=connected]}, set on noVNC's {@code connect} event). Skipped when chromium is not installed
 * ({@code apt-get install -y chromium chromium-driver}) or the build had no npm (no noVNC in the jar). Run it alone with
 * {@code ./mvnw -B verify -pl bootstrap -am -Dtest=ConsoleBrowserTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConsoleBrowserTest {
    private static final String NODE = "web1";
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes(NODE).clusterName("web"));
    static PveSimulator sim;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    private static String onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    /** Just enough of the W3C WebDriver protocol, over the JDK HTTP client, to drive Debian's chromedriver. */
    static final class WebDriver {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private static final ObjectMapper JSON = new ObjectMapper();

        /** Opens the URL in headless chromium and waits (bounded) for the page's state to settle. */
        static String stateAfterOpening(String chromedriver, String url) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process driver = new ProcessBuilder(chromedriver, "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String base = "http://127.0.0.1:" + port;
            try {
                JsonNode status = null;
                for (int i = 0; i < 200 && status == null; i++) {
                    try {
                        status = call("GET", base + "/status", null);
                    } catch (java.io.IOException e) {
                        LockSupport.parkNanos(100_000_000L); // chromedriver not listening yet: ask again
                    }
                }
                assertNotNull(status, "chromedriver did not start");
                JsonNode session = call("POST", base + "/session", Map.of("capabilities", Map.of("alwaysMatch",
                        Map.of("browserName", "chrome", "goog:chromeOptions", Map.of("args",
                                List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"))))));
                String id = session.path("value").path("sessionId").asText();
                try {
                    call("POST", base + "/session/" + id + "/url", Map.of("url", url));
                    String state = "";
                    // await the page's own state: connected, or a final failure
                    for (int i = 0; i < 600; i++) {
                        state = call("POST", base + "/session/" + id + "/execute/sync", Map.of("script",
                                "return document.body.dataset.state", "args", List.of())).path("value").asText();
                        if (!state.equals("loading") && !state.equals("connecting")) {
                            break;
                        }
                        LockSupport.parkNanos(100_000_000L); // re-read the page's state
                    }
                    return state;
                } finally {
                    call("DELETE", base + "/session/" + id, null);
                }
            } finally {
                driver.destroy();
                driver.waitFor(30, TimeUnit.SECONDS);
            }
        }

        private static JsonNode call(String method, String url, Object body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return JSON.readTree(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    @Test
    void theConsolePageReachesNoVncsConnectedState() throws Exception {
        String chromedriver = onPath("chromedriver");
        Assumptions.assumeTrue(onPath("chromium", "chromium-browser") != null && chromedriver != null,
                "chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver): "
                        + "the browser console test is skipped");
        int novnc = RestAssured.given().get("/console/novnc/core/rfb.js").statusCode();
        Assumptions.assumeTrue(novnc == 200,
                "noVNC is not in this build (built without npm): the browser console test is skipped");

        String root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        InventoryRows rows = new InventoryRows(db);
        long nodeId = pve.node(NODE);
        rows.execute("UPDATE vnc_controller SET status = 1");
        Api.admin(root).body(Map.of("name", "web", "host", "127.0.0.1", "port", RestAssured.port, "protocol", 0))
                .post("/admin/addVncNode").then().body("code", equalTo(20000));
        long id = rows.vm(nodeId, 8100, InventoryRows.unique("web"), cipher.encrypt("Gu3st-Pass"), "{}", 0);
        sim.addVm(NODE, 8100, "web", 512, 1, true);
        String url = Api.admin(root).queryParam("hostId", id).get("/admin/pve/getVnc").then()
                .body("code", equalTo(20000)).extract().jsonPath().getString("data.records[0].web");
        int authenticated = sim.vncAuthenticated();

        String state = WebDriver.stateAfterOpening(chromedriver, url);
        assertEquals("connected", state, "noVNC's state on the console page");
        assertTrue(sim.vncAuthenticated() > authenticated, "the proxy answered PVE's VNC challenge");
    }
}
