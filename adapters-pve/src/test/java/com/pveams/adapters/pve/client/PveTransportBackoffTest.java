package com.pveams.adapters.pve.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PveTransportBackoffTest {

    @Test
    void backoffIsExponentialWithFullJitterAndCapped() {
        PveClientConfig cfg = PveClientConfig.defaults().withRetries(5, Duration.ofMillis(100),
                Duration.ofMillis(1000));
        PveTransport t = new PveTransport(new NodeEndpoint("h", 8006, "n", new NodeAuth.ApiToken("a@pam", "t", "s"),
                TlsTrust.ca()), cfg, HttpClient.newHttpClient(), new ObjectMapper(),
                new ConcurrencyLimits(1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()),
                ms -> { });
        for (int attempt = 0; attempt < 6; attempt++) {
            long bound = Math.min(1000, 100L << attempt);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                long d = t.backoffMillis(attempt);
                assertTrue(d >= 1 && d <= bound, "attempt " + attempt + ": " + d + " not in [1," + bound + "]");
                seen.add(d);
            }
            assertTrue(seen.size() > 10, "jittered, not a fixed delay");
        }
    }
}
