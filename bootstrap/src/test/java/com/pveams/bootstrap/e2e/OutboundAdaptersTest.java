package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.HypervisorNodes;
import com.pveams.application.port.out.hypervisor.HypervisorTasks;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.application.port.out.nodeshell.CommandResult;
import com.pveams.application.port.out.nodeshell.NodeShell;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.SimulatedPve;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound ports resolve to the real adapters inside the running application, configured from
 * {@code ams.pve.*} / {@code ams.ssh.*}, and work against the PVE simulator and the SSH node emulator.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class OutboundAdaptersTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1")
            .taskDuration(Duration.ofMillis(50)));
    static PveSimulator sim;
    static NodeEmulator ssh;
    @TempDir
    static Path nodeFs;

    @Inject
    HypervisorNodes nodes;
    @Inject
    HypervisorVms vms;
    @Inject
    HypervisorTasks tasks;
    @Inject
    NodeShell shell;

    @BeforeAll
    static void start() {
        sim = pve.sim();
        ssh = NodeEmulator.builder(nodeFs).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void pvePortsCreateAndStartAVmThroughTheWiredAdapter() {
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        int vmid = nodes.nextFreeVmid(ep);
        VmSettings settings = VmSettings.builder().name("wired-" + vmid).memoryMiB(512).cores(1)
                .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 4))
                .net(NetDevice.virtio(0, "vmbr0"))
                .build();
        assertTrue(tasks.awaitTask(ep, vms.createVm(ep, new VmCreateSpec(vmid, settings, false)), WAIT).succeeded());
        assertTrue(tasks.awaitTask(ep, vms.power(ep, vmid, PowerAction.START), WAIT).succeeded());
        assertEquals("running", vms.vmStatus(ep, vmid).status());
        assertEquals(List.of(), sim.schemaViolations());
    }

    @Test
    void nodeShellPortRunsCommandsThroughTheWiredAdapter() {
        CommandResult result = shell.run(ssh.endpoint(), List.of("echo", "hello; $(id)"), Duration.ofSeconds(20));
        assertEquals(0, result.exitStatus());
        assertEquals("hello; $(id)", result.stdout().strip());
    }
}
