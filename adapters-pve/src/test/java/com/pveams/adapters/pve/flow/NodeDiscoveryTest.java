package com.pveams.adapters.pve.flow;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.out.hypervisor.ClusterStatus;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.NodeStatusDetails;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What node registration reads from PVE: version, node list, cluster status and the full node status. */
class NodeDiscoveryTest {
    private static PveHypervisorAdapter adapter() {
        return new PveHypervisorAdapter(PveClientConfig.defaults().withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10)));
    }

    @Test
    void aClusterMemberNamesItsClusterAndItself() {
        try (PveSimulator sim = PveSimulator.builder().nodes("pve1", "pve2").clusterName("prod").start()) {
            PveHypervisorAdapter pve = adapter();
            NodeEndpoint ep = sim.node("pve2").rootEndpoint();
            ClusterStatus status = pve.clusterStatus(ep);
            assertEquals(Optional.of("prod"), status.clusterName());
            assertEquals(Optional.of("pve2"), status.localNode());
            assertEquals(2, status.members().size());
            assertEquals(List.of("pve1", "pve2"), pve.nodeNames(ep));
            assertEquals("9.1.1", pve.version(ep).version());
            assertEquals(List.of(), sim.schemaViolations());
        }
    }

    @Test
    void aStandAloneNodeKnowsOnlyItselfAndWorksWithATokenToo() {
        try (PveSimulator sim = PveSimulator.builder().nodes("solo").token("root@pam", "ams", "tok-secret").start()) {
            PveHypervisorAdapter pve = adapter();
            NodeEndpoint ep = sim.node("solo").endpoint(new NodeAuth.ApiToken("root@pam", "ams", "tok-secret"));
            ClusterStatus status = pve.clusterStatus(ep);
            assertTrue(status.clusterName().isEmpty());
            assertEquals(Optional.of("solo"), status.localNode());
            assertEquals(List.of("solo"), pve.nodeNames(ep));
            NodeStatusDetails d = pve.nodeStatusDetails(ep);
            assertEquals(16, d.cpuinfo().cpus());
            assertEquals(3, d.loadavg().size());
            assertTrue(d.memory().total() > 0);
            assertTrue(d.swap().total() > 0);
            assertEquals(List.of(), sim.schemaViolations());
        }
    }
}
