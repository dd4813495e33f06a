package com.pveams.adapters.pve.edge;

import com.pveams.adapters.pve.support.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.contract.ContractAssertions;
import com.pveams.adapters.pve.tls.CertificateProber;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmSettings;
import java.net.ServerSocket;

import java.time.Duration;
import java.time.Instant;


import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol edge cases against WireMock over HTTPS; every request is checked against PVE's schema afterwards. The
 * adapter runs on a hand-moved clock whose sleeper moves it, so ticket ages, backoffs, the fresh-UPID grace and task
 * wait timeouts are counted in polls, not raced against a loaded machine.
 */
class WireMockEdgeCaseTest {

    static final String PASSWORD = "p@ss word+1";
    static final String TICKET = "PVE:root@pam:66AA11BB::c2lnbmF0dXJlLXNlY3JldA==";
    static final String CSRF = "66AA11BB:Y3NyZi1zZWNyZXQ";
    static final String TOKEN_SECRET = "0c9a7e52-8d4b-4e1f-a3b2-6f5e4d3c2b1a";
    static final String UPID = "UPID:pve1:0000A1B2:0001F3A4:6650A1B2:qmstart:100:root@pam:";
    static final String UPID_PATH = "/api2/json/nodes/pve1/tasks/UPID%3Apve1%3A0000A1B2%3A0001F3A4%3A6650A1B2"
            + "%3Aqmstart%3A100%3Aroot%40pam%3A";

    WireMockServer wm;
    TlsTrust pin;
    MutableClock clock;
    final List<LogRecord> logs = new ArrayList<>();
    Handler capture;
    Logger adapterLogger;


    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicHttpsPort().httpDisabled(true));
        wm.start();
        pin = TlsTrust.pinned(new CertificateProber(Duration.ofSeconds(5)).probe("localhost", wm.httpsPort())
                .sha256Fingerprint());
        clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        wm.stubFor(post(urlEqualTo("/api2/json/access/ticket")).willReturn(okJson(
                "{\"data\":{\"username\":\"root@pam\",\"ticket\":\"" + TICKET + "\",\"CSRFPreventionToken\":\""
                        + CSRF + "\"}}")));
        adapterLogger = Logger.getLogger("com.pveams.adapters.pve");
        adapterLogger.setLevel(Level.ALL);
        capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (logs) {
                    logs.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        adapterLogger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        try {
            ContractAssertions.assertAllRequestsValid(wm);
            synchronized (logs) {
                for (LogRecord r : logs) {
                    String text = r.getMessage() + " " + (r.getParameters() == null ? ""
                            : List.of(r.getParameters()).toString());
                    for (String secret : List.of(PASSWORD, TICKET, CSRF, TOKEN_SECRET, "c2lnbmF0dXJl")) {
                        assertFalse(text.contains(secret), "secret in log: " + text);
                    }
                }
            }
        } finally {
            adapterLogger.removeHandler(capture);
            wm.stop();
        }
    }

    PveClientConfig config() {
        return PveClientConfig.defaults().withRequestTimeout(Duration.ofSeconds(30))
                .withRetries(2, Duration.ofMillis(5), Duration.ofMillis(20))
                .withTaskPolling(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(500));
    }

    PveHypervisorAdapter adapter() {
        return new PveHypervisorAdapter(config(), clock, clock::sleep);
    }

    NodeEndpoint passwordNode() {
        return new NodeEndpoint("localhost", wm.httpsPort(), "pve1", new NodeAuth.Password("root", "pam", PASSWORD),
                pin);
    }

    NodeEndpoint tokenNode() {
        return new NodeEndpoint("localhost", wm.httpsPort(), "pve1", new NodeAuth.ApiToken("root@pam", "ams",
                TOKEN_SECRET), pin);
    }

    void stubStatus() {
        wm.stubFor(get(urlEqualTo("/api2/json/nodes/pve1/status")).willReturn(okJson(
                "{\"data\":{\"cpu\":0.1,\"cpuinfo\":{\"cpus\":8},\"memory\":{\"total\":100,\"used\":40},"
                        + "\"rootfs\":{\"total\":10,\"used\":1},\"uptime\":5,\"loadavg\":[\"0.1\",\"0.2\",\"0.3\"],"
                        + "\"pveversion\":\"pve-manager/9.1.1\"}}")));
    }

    void stubStart() {
        wm.stubFor(post(urlEqualTo("/api2/json/nodes/pve1/qemu/100/status/start")).willReturn(okJson(
                "{\"data\":\"" + UPID + "\"}")));
    }

    @Test
    void ticketLoginIsFormEncodedAndCsrfGoesOnEveryNonGet() {
        stubStatus();
        stubStart();
        PveHypervisorAdapter pve = adapter();
        assertEquals(8, pve.nodeStatus(passwordNode()).cpuCount());
        assertEquals(UPID, pve.power(passwordNode(), 100, PowerAction.START).value());

        wm.verify(1, postRequestedFor(urlEqualTo("/api2/json/access/ticket"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("username=root&password=p%40ss%20word%2B1&realm=pam")));
        wm.verify(getRequestedFor(urlEqualTo("/api2/json/nodes/pve1/status"))
                .withHeader("Cookie", equalTo("PVEAuthCookie=" + TICKET))
                .withHeader("CSRFPreventionToken", absent()));
        wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve1/qemu/100/status/start"))
                .withHeader("Cookie", equalTo("PVEAuthCookie=" + TICKET))
                .withHeader("CSRFPreventionToken", equalTo(CSRF)));
        synchronized (logs) {
            assertFalse(logs.isEmpty(), "the adapter logs (method, path, status) - checked for secrets after each test");
        }
    }

    @Test
    void ticketIsRenewedWithItselfAndReplacedAfterItsLifetime() {
        stubStatus();
        PveHypervisorAdapter pve = adapter();
        pve.nodeStatus(passwordNode());
        clock.advance(Duration.ofMinutes(30));
        pve.nodeStatus(passwordNode());
        wm.verify(1, postRequestedFor(urlEqualTo("/api2/json/access/ticket")));

        clock.advance(Duration.ofMinutes(31)); // 61 min old: renew by posting the ticket as password
        pve.nodeStatus(passwordNode());
        wm.verify(1, postRequestedFor(urlEqualTo("/api2/json/access/ticket")).withRequestBody(equalTo(
                "username=root%40pam&password=" + com.pveams.adapters.pve.client.FormEncoding.encode(TICKET))));

        clock.advance(Duration.ofHours(3)); // past PVE's 2 h: a fresh password login
        pve.nodeStatus(passwordNode());
        wm.verify(2, postRequestedFor(urlEqualTo("/api2/json/access/ticket"))
                .withRequestBody(equalTo("username=root&password=p%40ss%20word%2B1&realm=pam")));
    }

    @Test
    void apiTokenHeaderAndNoCsrfNoCookie() {
        stubStatus();
        stubStart();
        PveHypervisorAdapter pve = adapter();
        pve.nodeStatus(tokenNode());
        pve.power(tokenNode(), 100, PowerAction.START);
        wm.verify(postRequestedFor(urlEqualTo("/api2/json/nodes/pve1/qemu/100/status/start"))
                .withHeader("Authorization", equalTo("PVEAPIToken=root@pam!ams=" + TOKEN_SECRET))
                .withHeader("CSRFPreventionToken", absent()).withHeader("Cookie", absent()));
        wm.verify(0, postRequestedFor(urlEqualTo("/api2/json/access/ticket")));
    }

    @Test
    void a401LeadsToExactlyOneReLogin() {
        wm.stubFor(get(urlEqualTo("/api2/json/nodes/pve1/status")).willReturn(aResponse().withStatus(401)
                .withBody("{\"data\":null,\"message\":\"invalid PVE ticket\\n\"}")));
        PveHypervisorAdapter pve = adapter();
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.nodeStatus(passwordNode()));
        assertEquals(Kind.AUTH, e.kind());
        wm.verify(2, postRequestedFor(urlEqualTo("/api2/json/access/ticket")));
        wm.verify(2, getRequestedFor(urlEqualTo("/api2/json/nodes/pve1/status")));

        HypervisorException t = assertThrows(HypervisorException.class, () -> pve.nodeStatus(tokenNode()));
        assertEquals(Kind.AUTH, t.kind());
        wm.verify(3, getRequestedFor(urlEqualTo("/api2/json/nodes/pve1/status")));
    }

    @Test
    void a401ThenSuccessIsTransparent() {
        wm.stubFor(get(urlEqualTo("/api2/json/nodes/pve1/status")).inScenario("expiry")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("expired")
                .willReturn(aResponse().withStatus(401).withBody("{\"data\":null}")));
        wm.stubFor(get(urlEqualTo("/api2/json/nodes/pve1/status")).inScenario("expiry")
                .whenScenarioStateIs("expired").willReturn(okJson("{\"data\":{\"cpuinfo\":{\"cpus\":4}}}")));
        assertEquals(4, adapter().nodeStatus(passwordNode()).cpuCount());
        wm.verify(2, postRequestedFor(urlEqualTo("/api2/json/access/ticket")));
    }

    @Test
    void permissionAndValidationErrorsCarryPvesWords() {
        wm.stubFor(post(urlPathEqualTo("/api2/json/nodes/pve1/qemu/100/config")).willReturn(aResponse()
                .withStatus(403).withBody("{\"data\":null,\"message\":\"only root can set 'args' config\\n\"}")));
        PveHypervisorAdapter pve = adapter();
        HypervisorException perm = assertThrows(HypervisorException.class, () -> pve.updateVmConfig(tokenNode(),
                100, VmConfigUpdate.of(VmSettings.builder().args("-smp 2").build())));
        assertEquals(Kind.PERMISSION, perm.kind());
        assertEquals(403, perm.httpStatus());
        assertTrue(perm.getMessage().contains("only root can set 'args'"));

        wm.stubFor(post(urlPathEqualTo("/api2/json/nodes/pve1/qemu/101/config")).willReturn(aResponse()
                .withStatus(400).withBody("{\"data\":null,\"message\":\"Parameter verification failed.\\n\","
                        + "\"errors\":{\"net0\":\"invalid format - format error\\nnet0.model: value 'x' does not "
                        + "have a value in the enumeration\",\"cipassword\":\"value 'hunter2' is bad\"}}")));
        HypervisorException val = assertThrows(HypervisorException.class, () -> pve.updateVmConfig(tokenNode(),
                101, VmConfigUpdate.of(VmSettings.builder().cores(2).build())));
        assertEquals(Kind.VALIDATION, val.kind());
        assertEquals("cipassword", val.parameter());
        assertTrue(val.getMessage().contains("net0.model"));
        assertFalse(val.getMessage().contains("hunter2"), "rejected secret values are not echoed");
        assertFalse(val.retryable());
    }

    @Test
    void serverErrorsRetryOnlyIdempotentCalls() {
        wm.stubFor(get(urlEqualTo("/api2/json/nodes/pve1/status")).willReturn(aResponse().withStatus(500)
                .withBody("{\"data\":null,\"message\":\"got no worker upid\\n\"}")));
        stubStart();
        wm.stubFor(post(urlEqualTo("/api2/json/nodes/pve1/qemu/100/status/start")).willReturn(aResponse()
                .withStatus(500).withBody("{\"data\":null,\"message\":\"internal error\\n\"}")));
        PveHypervisorAdapter pve = adapter();
        HypervisorException g = assertThrows(HypervisorException.class, () -> pve.nodeStatus(tokenNode()));
        assertEquals(Kind.RETRYABLE, g.kind());
        wm.verify(3, getRequestedFor(urlEqualTo("/api2/json/nodes/pve1/status")));
        HypervisorException p = assertThrows(HypervisorException.class,
                () -> pve.power(tokenNode(), 100, PowerAction.START));
        assertEquals(Kind.RETRYABLE, p.kind());
        wm.verify(1, postRequestedFor(urlEqualTo("/api2/json/nodes/pve1/qemu/100/status/start")));
    }

    @Test
    void proxyErrorsAndRefusedConnectionsAreUnreachable() throws Exception {
        wm.stubFor(get(urlEqualTo("/api2/json/nodes/pve1/network")).willReturn(aResponse().withStatus(595)
                .withBody("{\"data\":null}")));
        PveHypervisorAdapter pve = adapter();
        assertEquals(Kind.UNREACHABLE, assertThrows(HypervisorException.class,
                () -> pve.networkInterfaces(tokenNode())).kind());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        NodeEndpoint nowhere = new NodeEndpoint("127.0.0.1", closedPort, "pve1", tokenNode().auth(), pin);
        HypervisorException refused = assertThrows(HypervisorException.class, () -> pve.nodeStatus(nowhere));
        assertEquals(Kind.UNREACHABLE, refused.kind());
        assertTrue(refused.retryable());
    }

    @Test
    void pinnedFingerprintMismatchIsRefusedBeforeAnyRequest() {
        NodeEndpoint wrongPin = new NodeEndpoint("localhost", wm.httpsPort(), "pve1", tokenNode().auth(),
                TlsTrust.pinned("AB".repeat(32)));
        HypervisorException e = assertThrows(HypervisorException.class, () -> adapter().nodeStatus(wrongPin));
        assertEquals(Kind.TLS_MISMATCH, e.kind());
        assertFalse(e.retryable());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    void stubTask(String scenarioState, String nextState, int status, String body) {
        var stub = get(urlEqualTo(UPID_PATH + "/status")).inScenario("task").whenScenarioStateIs(scenarioState);
        if (nextState != null) {
            stub = stub.willSetStateTo(nextState);
        }
        wm.stubFor(stub.willReturn(aResponse().withStatus(status).withBody(body)));
    }

    static String taskBody(String status, String exit) {
        return "{\"data\":{\"upid\":\"" + UPID + "\",\"node\":\"pve1\",\"pid\":41394,\"pstart\":127908,"
                + "\"starttime\":1716560306,\"type\":\"qmstart\",\"id\":\"100\",\"user\":\"root@pam\",\"status\":\""
                + status + "\"" + (exit == null ? "" : ",\"exitstatus\":\"" + exit + "\"") + "}}";
    }

    @Test
    void taskWaitToleratesAFreshUpidAndSucceeds() {
        stubTask(Scenario.STARTED, "visible", 400, "{\"data\":null,\"message\":\"no such task\\n\"}");
        stubTask("visible", "done", 200, taskBody("running", null));
        stubTask("done", null, 200, taskBody("stopped", "OK"));
        TaskStatus s = adapter().awaitTask(tokenNode(), new Upid(UPID), Duration.ofSeconds(5));
        assertTrue(s.succeeded());
        wm.verify(3, getRequestedFor(urlEqualTo(UPID_PATH + "/status")));
    }

    @Test
    void taskWaitGivesUpOnA400ThatOutlivesTheGrace() {
        stubTask(Scenario.STARTED, null, 400, "{\"data\":null,\"message\":\"no such task\\n\"}");
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> adapter().awaitTask(tokenNode(), new Upid(UPID), Duration.ofSeconds(5)));
        assertEquals(Kind.NOT_FOUND, e.kind(), "PVE's 'no such task' after the grace period");
        assertEquals(400, e.httpStatus());
    }

    @Test
    void taskFailureFetchesTheLogTail() {
        stubTask(Scenario.STARTED, null, 200, taskBody("stopped", "start failed: QEMU exited with code 1"));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            lines.append(i > 1 ? "," : "").append("{\"n\":").append(i).append(",\"t\":\"line ").append(i)
                    .append("\"}");
        }
        wm.stubFor(get(urlPathEqualTo(UPID_PATH + "/log")).willReturn(okJson("{\"data\":[" + lines
                + "],\"total\":30}")));
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> adapter().awaitTask(tokenNode(), new Upid(UPID), Duration.ofSeconds(5)));
        assertEquals(Kind.TASK_FAILED, e.kind());
        assertTrue(e.getMessage().contains("QEMU exited with code 1"));
        assertTrue(e.getMessage().contains("line 30") && e.getMessage().contains("line 11"));
        assertFalse(e.getMessage().contains("line 10\n"), "only the last 20 lines");
    }

    @Test
    void taskWaitTimesOutWhileRunning() {
        stubTask(Scenario.STARTED, null, 200, taskBody("running", null));
        Instant t0 = clock.instant();
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> adapter().awaitTask(tokenNode(), new Upid(UPID), Duration.ofMillis(250)));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        // polls at 5 ms, growing x1.5 to 20 ms: the wait ends at the timeout, not a poll later
        assertEquals(Duration.ofMillis(250), Duration.between(t0, clock.instant()));
        assertTrue(wm.findAll(getRequestedFor(urlPathMatching(".*/status"))).size() >= 10, "polled repeatedly");
    }

    @Test
    void taskWaitKeepsGoingThroughTransientErrors() {
        // three 502s in a row outlast the transport's two retries, so the waiter itself sees the failure
        stubTask(Scenario.STARTED, "down1", 200, taskBody("running", null));
        String proxyError = "{\"data\":null,\"message\":\"proxy error\\n\"}";
        stubTask("down1", "down2", 502, proxyError);
        stubTask("down2", "down3", 502, proxyError);
        stubTask("down3", "up", 502, proxyError);
        stubTask("up", null, 200, taskBody("stopped", "WARNINGS: 1"));
        TaskStatus s = adapter().awaitTask(tokenNode(), new Upid(UPID), Duration.ofSeconds(5));
        assertTrue(s.succeededWithWarnings(), s.toString());
        wm.verify(5, getRequestedFor(urlEqualTo(UPID_PATH + "/status")));
    }
}
