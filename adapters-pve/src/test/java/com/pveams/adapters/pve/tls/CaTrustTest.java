package com.pveams.adapters.pve.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CA trust checks the chain against the JVM trust store <em>and</em> the host name. The node's certificate is put
 * into a trust store named by {@code javax.net.ssl.trustStore} for the duration of the test: the test builds its own
 * trust store, as an operator would add a private CA; production code has no way to accept an unknown certificate.
 */
class CaTrustTest {

    @Test
    void caTrustVerifiesChainAndHostName(@TempDir Path dir) throws Exception {
        try (PveSimulator sim = PveSimulator.builder().nodes("localhost").start()) {
            SimNode node = sim.node("localhost"); // certificate CN=localhost
            Path store = dir.resolve("trust.p12");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("pve", node.certificate());
            try (OutputStream out = Files.newOutputStream(store)) {
                ks.store(out, "changeit".toCharArray());
            }
            Map<String, String> props = Map.of("javax.net.ssl.trustStore", store.toString(),
                    "javax.net.ssl.trustStorePassword", "changeit", "javax.net.ssl.trustStoreType", "PKCS12");
            props.forEach(System::setProperty);
            try {
                PveHypervisorAdapter pve = new PveHypervisorAdapter(PveClientConfig.defaults()
                        .withRequestTimeout(Duration.ofSeconds(5)).withRetries(0, Duration.ofMillis(1),
                                Duration.ofMillis(1)));
                NodeAuth root = new NodeAuth.Password("root", "pam", PveSimulator.ROOT_PASSWORD);

                assertTrue(pve.probeCertificate("localhost", node.port()).trustedBySystem());
                NodeEndpoint byName = new NodeEndpoint("localhost", node.port(), "localhost", root,
                        TlsTrust.ca());
                assertEquals(16, pve.nodeStatus(byName).cpuCount());

                // same trusted certificate, but the address is not a name in it
                assertFalse(pve.probeCertificate("127.0.0.1", node.port()).trustedBySystem());
                NodeEndpoint byIp = new NodeEndpoint("127.0.0.1", node.port(), "localhost", root, TlsTrust.ca());
                HypervisorException e = assertThrows(HypervisorException.class, () -> pve.nodeStatus(byIp));
                assertEquals(Kind.TLS_MISMATCH, e.kind());
                assertEquals(java.util.List.of(), sim.schemaViolations());
            } finally {
                props.keySet().forEach(System::clearProperty);
            }
        }
    }
}
