package com.pveams.adapters.pve.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A VM list asks a node for one status per VM: each call must ride a kept-alive connection, not pay a TCP connect,
 * a TLS handshake and a ticket login of its own.
 */
class ConnectionReuseTest {

    PveSimulator sim;

    @AfterEach
    void close() {
        if (sim != null) {
            assertEquals(List.of(), sim.schemaViolations(), "every request must pass PVE's schema");
            sim.close();
        }
    }

    @Test
    void sequentialCallsShareOneConnectionAndOneLogin() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        sim.addVm("pve1", 100, "vm100", 512, 1, true);
        PveHypervisorAdapter pve = new PveHypervisorAdapter(PveClientConfig.defaults(), Clock.systemUTC(),
                Thread::sleep);
        NodeEndpoint ep = node.rootEndpoint();
        for (int i = 0; i < 50; i++) {
            pve.vmStatusFields(ep, 100);
        }
        assertEquals(1, node.connectionsAccepted(), "login and 50 calls on one kept-alive connection");
        assertEquals(1, sim.passwordLogins());
    }

    @Test
    void parallelCallsUseAtMostThePerNodePoolOfConnections() throws Exception {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        sim.addVm("pve1", 100, "vm100", 512, 1, true);
        PveClientConfig config = PveClientConfig.defaults();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(config, Clock.systemUTC(), Thread::sleep);
        NodeEndpoint ep = node.rootEndpoint();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    calls.add(callers.submit(() -> pve.vmStatusFields(ep, 100)));
                }
                for (Future<?> f : calls) {
                    f.get();
                }
            }
        } finally {
            callers.shutdownNow();
        }
        int connections = node.connectionsAccepted();
        assertTrue(connections <= config.maxRequestsPerNode(), "200 calls, at most " + config.maxRequestsPerNode()
                + " requests in flight per node, so at most that many connections; opened " + connections);
        assertEquals(1, sim.passwordLogins());
    }
}
