package com.pveams.adapters.pve;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.pveams.adapters.net.RefusedUrlException;
import com.pveams.adapters.net.RefusedUrlException.Reason;
import com.pveams.adapters.net.TestDns;
import com.pveams.adapters.net.UrlPolicy;
import com.pveams.adapters.pve.contract.ContractAssertions;
import com.pveams.adapters.pve.tls.CertificateProber;
import com.pveams.application.port.out.hypervisor.DownloadUrlRequest;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PVE's {@code download-url} is only ever sent a URL that passed the same download-target policy as SSH downloads. */
class DownloadUrlPolicyTest {
    private static final String PATH = "/api2/json/nodes/pve1/storage/local/download-url";
    private static final String UPID = "UPID:pve1:0000A1B2:0001F3A4:6650A1B2:download:local:root@pam:";

    private WireMockServer wm;
    private NodeEndpoint node;
    private PveHypervisorAdapter pve;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicHttpsPort().httpDisabled(true));
        wm.start();
        TlsTrust pin = TlsTrust.pinned(new CertificateProber(Duration.ofSeconds(5)).probe("localhost", wm.httpsPort())
                .sha256Fingerprint());
        node = new NodeEndpoint("localhost", wm.httpsPort(), "pve1",
                new NodeAuth.ApiToken("root@pam", "ams", "0c9a7e52-8d4b-4e1f-a3b2-6f5e4d3c2b1a"), pin);
        wm.resetRequests(); // the certificate probe above sent no HTTP request, but start from an empty journal
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"data\":\"" + UPID + "\"}")));
        UrlPolicy policy = new UrlPolicy(false, TestDns.resolver(Map.of(
                "cloud.example.org", "93.184.216.34",
                "rebind.example.org", "127.0.0.1",
                "metadata.example.org", "169.254.169.254")));
        pve = new PveHypervisorAdapter(PveClientConfig.defaults().withRequestTimeout(Duration.ofSeconds(5)),
                Clock.systemUTC(), Thread::sleep, policy);
    }

    @AfterEach
    void stop() {
        try {
            ContractAssertions.assertAllRequestsValid(wm);
        } finally {
            wm.stop();
        }
    }

    @Test
    void refusedTargetsNeverReachTheNode() {
        Map<String, Reason> cases = new LinkedHashMap<>();
        cases.put("http://169.254.169.254/latest/meta-data/", Reason.INTERNAL_ADDRESS);
        cases.put("https://metadata.example.org/x.qcow2", Reason.INTERNAL_ADDRESS);
        cases.put("https://rebind.example.org./x.qcow2", Reason.INTERNAL_ADDRESS);
        cases.put("http://[::ffff:10.0.0.1]/x.qcow2", Reason.INTERNAL_ADDRESS);
        cases.put("http://100.64.0.1/x.qcow2", Reason.INTERNAL_ADDRESS);
        cases.put("http://2130706433/x.qcow2", Reason.NUMERIC_HOST);
        cases.put("https://user:pw@cloud.example.org/x.qcow2", Reason.USERINFO);
        cases.put("file:///etc/pve/priv/authkey.key", Reason.SCHEME);
        cases.put("ftp://cloud.example.org/x.qcow2", Reason.SCHEME);
        cases.put("https://nowhere.example.org/x.qcow2", Reason.UNRESOLVABLE);
        cases.forEach((url, reason) -> {
            HypervisorException e = assertThrows(HypervisorException.class,
                    () -> pve.downloadUrl(node, DownloadUrlRequest.of("local", url, "x.qcow2", "import")), url);
            assertEquals(HypervisorException.Kind.VALIDATION, e.kind(), url);
            assertEquals("url", e.parameter(), url);
            assertFalse(e.kind().retryable());
            assertEquals(reason, assertInstanceOf(RefusedUrlException.class, e.getCause()).reason(), url);
        });
        assertEquals(0, wm.getAllServeEvents().size(), "no request may reach the node for a refused URL");
    }

    @Test
    void anAcceptedTargetIsSentRebuiltFromTheCheckedParts() {
        pve.downloadUrl(node, new DownloadUrlRequest("local", "HTTPS://Cloud.Example.ORG./images/debian-13.qcow2#x",
                "debian-13.qcow2", "import", "0123abcd", "sha256", null, true));

        wm.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalTo(
                "url=" + form("https://cloud.example.org/images/debian-13.qcow2")
                        + "&filename=debian-13.qcow2&content=import&checksum=0123abcd&checksum-algorithm=sha256"
                        + "&verify-certificates=1")));
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
