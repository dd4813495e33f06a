package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.Conditions;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.domain.console.ConsoleToken;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser console end to end: getVnc hands out URLs with a single-use token (only its hash stored), and a
 * WebSocket client through the proxy reaches the simulator's {@code vncwebsocket} and speaks RFB both ways.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConsoleTest {
    private static final String NODE = "con1";
    private static final AtomicInteger NEXT_VMID = new AtomicInteger(6100);
    private static final long WAIT_S = 30;
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes(NODE).clusterName("console"));
    static PveSimulator sim;
    static long nodeId;
    static String appId;
    static String appKey;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;

    String root;
    InventoryRows rows;

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        if (nodeId == 0) {
            nodeId = pve.node(NODE);
            appId = pve.apiKey("console").appId();
            appKey = pve.apiKey("console").appKey();
            rows.execute("UPDATE vnc_controller SET status = 1");
            Api.admin(root).body(Map.of("name", "本地测试", "host", "127.0.0.1", "port", RestAssured.port,
                    "protocol", 0)).post("/admin/addVncNode").then().body("code", equalTo(20000));
        }
    }

    private long vm(int status, Boolean runningOnPve) {
        int vmid = NEXT_VMID.getAndIncrement();
        String host = InventoryRows.unique("cn");
        long id = rows.vm(nodeId, vmid, host, cipher.encrypt("Gu3st-Pass"), "{}", status);
        if (runningOnPve != null) {
            sim.addVm(NODE, vmid, host, 512, 1, runningOnPve);
        }
        return id;
    }

    private ValidatableResponse getVnc(String node, Object hostId) {
        return Api.admin(root).queryParam("hostId", hostId).get("/admin/" + node + "/getVnc").then().statusCode(200);
    }

    /** The token of the first URL getVnc answers for the VM. */
    private String token(long hostId) {
        String url = getVnc("pve", hostId).body("code", equalTo(20000)).extract().jsonPath()
                .getString("data.records[0].本地测试");
        return url.substring(url.indexOf("token=") + 6);
    }

    @Test
    void getVncAnswersTheLegacyPageWithOneUrlPerActiveFrontEndAndStoresOnlyTheHash() {
        long id = vm(0, true);
        JsonPath page = getVnc("pve", id).body("code", equalTo(20000)).body("data.total", equalTo(1))
                .body("data.current", equalTo(1)).body("data.size", equalTo(5)).body("data.records.size()", equalTo(1))
                .extract().jsonPath();
        String url = page.getString("data.records[0].本地测试");
        assertTrue(url.startsWith("http://127.0.0.1:" + RestAssured.port + "/console/index.html?hostId=" + id
                + "&token="), url);
        String token = url.substring(url.indexOf("token=") + 6);
        assertEquals(ConsoleToken.parse(token).orElseThrow().hash(),
                rows.text("SELECT token_hash FROM vm_console_session WHERE vm_id = ? AND status = 0", id));
        assertEquals(0, rows.count("SELECT count(*) FROM vm_console_session WHERE token_hash = ?", token));
        assertEquals(1, rows.count("SELECT count(*) FROM vm_console_session WHERE vm_id = ? AND status = 0 "
                + "AND requested_by = 'admin:admin' AND expires_at = created_at + interval '120 minutes'", id));

        given().header("Authorization", Api.basic(appId, appKey)).queryParam("hostId", id)
                .get("/api/v1/pve/getVnc").then().statusCode(200).body("code", equalTo(20000))
                .body("data.records[0].本地测试", containsString("/console/index.html?hostId=" + id));
        assertEquals(1, rows.count("SELECT count(*) FROM vm_console_session WHERE vm_id = ? AND status = 0", id),
                "a new URL revokes the previous one");
    }

    @Test
    void getVncRefusesMissingDisabledAndStoppedVmsAndOtherNodes() {
        getVnc("pve", 999_999).body("code", equalTo(1016)).body("data", nullValue());
        getVnc("pve", vm(4, true)).body("code", equalTo(1018));
        long stopped = vm(0, false);
        getVnc("pve", stopped).body("code", equalTo(1032));
        assertEquals(0, rows.count("SELECT count(*) FROM vm_console_session WHERE vm_id = ?", stopped));
        getVnc("pve", "x").body("code", equalTo(4000002)).body("message", containsString("hostId"));
        getVnc("kvm", vm(0, true)).body("code", equalTo(501001));
    }

    @Test
    void theProxyRelaysRfbBothWaysAndTheTokenOpensOnce() throws Exception {
        long id = vm(0, true);
        String token = token(id);
        Client c = Client.open(id, token);
        assertEquals("RFB 003.008\n", c.binaryText(), "PVE's greeting reaches the viewer");
        int greetings = sim.vncClientGreetings().size();
        int authenticated = sim.vncAuthenticated();
        c.send("RFB 003.008\n");
        ByteBuffer security = c.binary();
        assertEquals(2, security.remaining());
        assertEquals(1, security.get(0), "one security type");
        assertEquals(1, security.get(1), "None: the proxy answers PVE's VNC challenge with the ticket itself");
        assertEquals(greetings + 1, sim.vncClientGreetings().size(), "the viewer's greeting reaches PVE");
        assertEquals("RFB 003.008\n", sim.vncClientGreetings().get(greetings));
        c.send("\u0001");
        ByteBuffer result = c.binary();
        assertEquals(0, result.getInt(), "PVE accepted the ticket");
        assertEquals(authenticated + 1, sim.vncAuthenticated());
        c.send("\u0001");
        ByteBuffer init = c.binary();
        assertEquals(640, init.getShort(0), "ServerInit relayed");
        assertNotNull(rows.value("SELECT opened_at FROM vm_console_session WHERE vm_id = ? AND status = 0", id));
        assertEquals(1, rows.count("SELECT count(*) FROM audit_log WHERE method = 'WS' AND detail LIKE "
                + "'console opened: hostId=" + id + ",%' AND actor = 'admin:admin'"));

        Client again = Client.open(id, token);
        assertEquals("1008 501002", again.closed(), "a used token is refused");

        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        String closeRow = "SELECT count(*) FROM audit_log WHERE method = 'WS' AND detail LIKE "
                + "'console closed (closed by the viewer): hostId=" + id + ",%' AND duration_ms >= 0";
        Conditions.await(() -> rows.count(closeRow) == 1, "the viewer's close is audited");
        assertNotNull(rows.value("SELECT closed_at FROM vm_console_session WHERE vm_id = ? AND opened_at IS NOT NULL",
                id));
    }

    @Test
    void missingMalformedOtherVmsAndExpiredTokensAreRefused() throws Exception {
        long id = vm(0, true);
        long other = vm(0, true);
        String token = token(id);
        assertEquals("1008 501002", Client.open(id, null).closed());
        assertEquals("1008 501002", Client.open(id, "hostname").closed());
        assertEquals("1008 501002", Client.open(other, token).closed(), "bound to its VM");
        rows.execute("UPDATE vm_console_session SET created_at = now() - interval '3 hours', "
                + "expires_at = now() - interval '1 second' WHERE vm_id = ?", id);
        assertEquals("1008 501002", Client.open(id, token).closed(), "expired");
        assertEquals(0, sim.vncOpen());
    }

    @Test
    void aSecondConsoleClosesTheFirstAndUpdateVncPasswordRevokes() throws Exception {
        long id = vm(0, true);
        Client first = Client.open(id, token(id));
        assertEquals("RFB 003.008\n", first.binaryText());
        Client second = Client.open(id, token(id));
        assertEquals("RFB 003.008\n", second.binaryText());
        assertEquals("1000 replaced by a newer console", first.closed());
        // the session's end and its audit row are written after both sides are closed, off the IO thread: await them
        Conditions.await(() -> rows.value("SELECT closed_at FROM vm_console_session WHERE vm_id = ? AND status = 1 "
                + "AND closed_at IS NOT NULL ORDER BY id LIMIT 1", id) != null, "the first session ends");
        String closeRow = "SELECT count(*) FROM audit_log WHERE method = 'WS' AND path = '/console/websockify' "
                + "AND actor = 'admin:admin' AND detail LIKE 'console closed (replaced%hostId=" + id + ",%'";
        Conditions.await(() -> rows.count(closeRow) == 1, "the replaced console's close is audited");

        String unused = token(id);
        Api.admin(root).body(Map.of("hostId", id, "password", "whatever")).post("/admin/" + nodeId
                + "/updateVncPassword").then().statusCode(200).body("code", equalTo(20000));
        assertEquals("1000 revoked by updateVncPassword", second.closed());
        assertEquals("1008 501002", Client.open(id, unused).closed());
        Api.admin(root).body(Map.of("hostId", 999_999, "password", "x")).put("/admin/pve/updateVncPassword").then()
                .body("code", equalTo(1016));
        Api.admin(root).body(Map.of("hostId", id)).put("/admin/pve/updateVncPassword").then()
                .body("code", equalTo(4000002)).body("message", containsString("password"));
    }

    /** A viewer: the frames and the close it received, in order. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        WebSocket ws;

        static Client open(long hostId, String token) throws Exception {
            Client c = new Client();
            String q = "hostId=" + hostId + (token == null ? "" : "&token=" + token);
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + RestAssured.port + "/console/websockify?" + q), c)
                    .get(WAIT_S, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            events.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            events.add(ByteBuffer.allocate(data.remaining()).put(data).flip());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            events.add(status + " " + reason);
            return null;
        }

        private Object next() throws InterruptedException {
            Object e = events.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(e, "nothing received in time");
            return e;
        }

        ByteBuffer binary() throws InterruptedException {
            Object e = next();
            assertTrue(e instanceof ByteBuffer, String.valueOf(e));
            return (ByteBuffer) e;
        }

        String binaryText() throws InterruptedException {
            return StandardCharsets.US_ASCII.decode(binary()).toString();
        }

        /** The close status and reason, skipping frames still queued. */
        String closed() throws InterruptedException {
            while (true) {
                Object e = next();
                if (e instanceof String s && !s.startsWith("{")) {
                    return s;
                }
            }
        }

        void send(String ascii) {
            ws.sendBinary(ByteBuffer.wrap(ascii.getBytes(StandardCharsets.US_ASCII)), true).join();
        }
    }
}
