package com.pveams.adapters.pve.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.adapters.pve.support.MutableClock;
import com.pveams.application.port.out.hypervisor.CloneSpec;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.StorageInfo;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clones, template conversion and storage status through the adapter against the simulator (every request checked
 * against PVE's schema), and the simulator's duration model: imports take longer the bigger the image, clones a
 * constant time. Time is a hand-moved clock only this test moves (polls advance it by their own sleep).
 */
class TemplateCloneFlowTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration TASK = Duration.ofMillis(100);
    static final Duration CLONE = Duration.ofMillis(200);
    static final long GIB = 1L << 30;
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    static PveSimulator sim;
    static SimNode pve1;
    static PveHypervisorAdapter pve;
    static NodeEndpoint ep;

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().clock(clock).nodes("pve1").taskDuration(TASK).importRate(GIB)
                .cloneDuration(CLONE).start();
        pve1 = sim.node("pve1");
        pve1.addVolume("local", "local:import/small.qcow2", "import", GIB / 4);
        pve1.addVolume("local", "local:import/big.qcow2", "import", 4 * GIB);
        pve1.addStorage("thick", "lvm", List.of("images"), 200 * GIB);
        pve1.addStorage("spare", "lvmthin", List.of("images"), 200 * GIB);
        pve = new PveHypervisorAdapter(SimulatorFlowTest.fastConfig(), clock, clock::sleep);
        ep = pve1.rootEndpoint();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void noSchemaViolations() {
        assertEquals(List.of(), sim.schemaViolations(), "every request must pass PVE's schema");
    }

    static VmSettings imported(String name, String storage, String image) {
        return VmSettings.builder().name(name).memoryMiB(1024).cores(1)
                .disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, storage, image)).build();
    }

    /** The time from now until the task stops, in steps of 50 ms of simulated time. */
    static Duration runTime(Upid upid) {
        Instant started = clock.instant();
        while (pve.taskStatus(ep, upid).running()) {
            clock.advance(Duration.ofMillis(50));
        }
        return Duration.between(started, clock.instant());
    }

    static int makeTemplate(int vmid, String storage, String image) {
        assertTrue(pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid, imported("tpl-" + vmid, storage, image),
                false)), WAIT).succeeded());
        Upid t = pve.convertToTemplate(ep, vmid);
        assertEquals("qmtemplate", t.type());
        assertTrue(pve.awaitTask(ep, t, WAIT).succeeded());
        return vmid;
    }

    @Test
    void importsTakeLongerTheBiggerTheImageAndClonesTakeAConstantTime() {
        Duration small = runTime(pve.createVm(ep, new VmCreateSpec(300, imported("small", "local-lvm",
                "local:import/small.qcow2"), false)));
        Duration big = runTime(pve.createVm(ep, new VmCreateSpec(301, imported("big", "local-lvm",
                "local:import/big.qcow2"), false)));
        // 100 ms + 0.25 GiB at 1 GiB/s, and 100 ms + 4 GiB at 1 GiB/s
        assertEquals(Duration.ofMillis(350), small);
        assertEquals(Duration.ofMillis(4100), big);

        pve.awaitTask(ep, pve.convertToTemplate(ep, 300), WAIT);
        pve.awaitTask(ep, pve.convertToTemplate(ep, 301), WAIT);
        assertEquals(CLONE, runTime(pve.cloneVm(ep, 300, CloneSpec.linked(302, "from-small"))));
        assertEquals(CLONE, runTime(pve.cloneVm(ep, 301, CloneSpec.linked(303, "from-big"))));
        assertEquals(CLONE, runTime(pve.cloneVm(ep, 301, CloneSpec.full(304, "full-big", "spare"))));
    }

    @Test
    void aTemplateHasBaseVolumesCannotStartAndIsClonedLinkedOrFull() {
        int tpl = makeTemplate(400, "local-lvm", "local:import/small.qcow2");
        assertTrue(sim.isTemplate(tpl));
        assertEquals("1", pve.vmConfig(ep, tpl).get("template").orElseThrow());
        assertTrue(sim.vmConfig(tpl).get("scsi0").startsWith("local-lvm:base-400-disk-0,"));
        HypervisorException start = assertThrows(HypervisorException.class, () -> pve.power(ep, tpl, PowerAction.START));
        assertTrue(start.getMessage().contains("template"), start.getMessage());

        Upid linked = pve.cloneVm(ep, tpl, CloneSpec.linked(401, "web-1"));
        assertEquals("qmclone", linked.type());
        assertTrue(pve.awaitTask(ep, linked, WAIT).succeeded());
        assertEquals("local-lvm:base-400-disk-0/vm-401-disk-0", sim.vmConfig(401).get("scsi0").split(",")[0]);
        assertEquals("web-1", sim.vmConfig(401).get("name"));
        assertFalse(sim.isTemplate(401));

        assertTrue(pve.awaitTask(ep, pve.cloneVm(ep, tpl, CloneSpec.full(402, "web-2", "spare")), WAIT).succeeded());
        assertEquals("spare:vm-402-disk-0", sim.vmConfig(402).get("scsi0").split(",")[0]);
        assertTrue(sim.volumes("pve1", "spare").contains("spare:vm-402-disk-0"));

        // the new VM works like any other
        assertTrue(pve.awaitTask(ep, pve.power(ep, 401, PowerAction.START), WAIT).succeeded());

        // the base is in use by a linked clone: PVE refuses to destroy the template
        assertThrows(HypervisorException.class, () -> pve.deleteVm(ep, tpl));
        pve.awaitTask(ep, pve.power(ep, 401, PowerAction.STOP), WAIT);
        pve.awaitTask(ep, pve.deleteVm(ep, 401), WAIT);
        assertTrue(pve.awaitTask(ep, pve.deleteVm(ep, tpl), WAIT).succeeded());
        assertFalse(sim.vmExists(tpl));
    }

    @Test
    void linkedClonesNeedATemplateAndAStorageThatSupportsThem() {
        int thick = makeTemplate(500, "thick", "local:import/small.qcow2");
        HypervisorException lvm = assertThrows(HypervisorException.class,
                () -> pve.cloneVm(ep, thick, CloneSpec.linked(501, "nope")));
        assertTrue(lvm.getMessage().contains("Linked clone feature is not supported"), lvm.getMessage());
        assertFalse(sim.vmExists(501));
        assertTrue(pve.awaitTask(ep, pve.cloneVm(ep, thick, CloneSpec.full(501, "copy", "thick")), WAIT).succeeded());

        HypervisorException notTemplate = assertThrows(HypervisorException.class,
                () -> pve.cloneVm(ep, 501, CloneSpec.linked(502, "nope")));
        assertTrue(notTemplate.getMessage().contains("only available for templates"), notTemplate.getMessage());

        HypervisorException exists = assertThrows(HypervisorException.class,
                () -> pve.cloneVm(ep, thick, CloneSpec.full(501, "again", null)));
        assertEquals(HypervisorException.Kind.CONFLICT, exists.kind());
    }

    @Test
    void storageStatusTellsTheType() {
        StorageInfo thin = pve.storageStatus(ep, "local-lvm");
        assertEquals("local-lvm", thin.storage());
        assertEquals("lvmthin", thin.type());
        assertTrue(thin.holds("images"));
        assertEquals("lvm", pve.storageStatus(ep, "thick").type());
    }

    @Test
    void cloneSpecRefusesWhatPveWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> new CloneSpec(600, "x", "local-lvm", false));
        assertThrows(IllegalArgumentException.class, () -> CloneSpec.linked(99, "x"));
        assertThrows(IllegalArgumentException.class, () -> CloneSpec.linked(600, "bad name"));
        assertThrows(IllegalArgumentException.class, () -> CloneSpec.full(600, "x", "local,lvm"));
    }
}
