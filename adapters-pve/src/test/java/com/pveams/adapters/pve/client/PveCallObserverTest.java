package com.pveams.adapters.pve.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.net.UrlPolicy;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.support.MutableClock;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every HTTP exchange with PVE is reported with a bounded label set: node name, method, path template, outcome. */
class PveCallObserverTest {

    record Call(String node, String method, String path, String outcome, Duration duration) {
    }

    @Test
    void pathTemplatesReplaceIdsSoLabelsStayBounded() {
        assertEquals("/nodes/{node}/qemu/{vmid}/status/current",
                PathTemplate.of("/api2/json/nodes/pve1/qemu/101/status/current"));
        assertEquals("/nodes/{node}/tasks/{upid}/status",
                PathTemplate.of("/api2/json/nodes/pve1/tasks/UPID%3Apve1%3A0000%3A/status"));
        assertEquals("/nodes/{node}/storage/{storage}/content/{volume}",
                PathTemplate.of("/api2/json/nodes/pve1/storage/local/content/local%3Aiso%2Fa.iso"));
        assertEquals("/nodes/{node}/qemu/{vmid}/snapshot/{snapname}",
                PathTemplate.of("/api2/json/nodes/n/qemu/7/snapshot/before-upgrade"));
        assertEquals("/access/ticket", PathTemplate.of("/access/ticket"));
        assertEquals("/cluster/nextid", PathTemplate.of("/api2/json/cluster/nextid?vmid=100"));
        assertEquals("/unknown/{id}", PathTemplate.of("/api2/json/unknown/Some%20Id"));
    }

    @Test
    void eachCallIsReportedWithItsNodeTemplateAndOutcome() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
        List<Call> calls = new CopyOnWriteArrayList<>();
        try (PveSimulator sim = PveSimulator.builder().clock(clock).nodes("pve1").start()) {
            sim.addVm("pve1", 150, "web", 1024, 1, true);
            PveHypervisorAdapter pve = new PveHypervisorAdapter(PveClientConfig.defaults()
                    .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(2)), clock, clock::sleep,
                    UrlPolicy.strict(), (node, method, path, outcome, d) -> calls.add(new Call(node, method, path,
                    outcome, d)));
            NodeEndpoint ep = sim.node("pve1").rootEndpoint();
            pve.vmStatus(ep, 150);
            pve.vmStatus(ep, 150);
            assertThrows(HypervisorException.class, () -> pve.vmConfig(ep, 999));

            List<Call> status = calls.stream().filter(c -> c.path().equals("/nodes/{node}/qemu/{vmid}/status/current"))
                    .toList();
            assertEquals(2, status.size(), calls.toString());
            status.forEach(c -> {
                assertEquals("pve1", c.node());
                assertEquals("GET", c.method());
                assertEquals("ok", c.outcome());
                assertTrue(!c.duration().isNegative());
            });
            assertTrue(calls.stream().anyMatch(c -> c.method().equals("POST") && c.path().equals("/access/ticket")
                    && c.outcome().equals("ok")), "the login is measured too: " + calls);
            assertTrue(calls.stream().anyMatch(c -> c.path().equals("/nodes/{node}/qemu/{vmid}/config")
                    && c.outcome().startsWith("http_")), "a refused call has its HTTP class: " + calls);

            sim.node("pve1").stop();
            calls.clear();
            assertThrows(HypervisorException.class, () -> pve.vmStatus(ep, 150));
            assertTrue(!calls.isEmpty() && calls.stream().allMatch(c -> c.outcome().equals("unreachable")),
                    "a node that does not answer: " + calls);
        }
    }
}
