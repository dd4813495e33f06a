package com.pveams.adapters.pve.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.application.port.out.hypervisor.CertificateProbe;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Auth renewal, TLS pinning, faults, task waiting and concurrency limits against the simulator. */
class SimulatorResilienceTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    PveSimulator sim;

    @AfterEach
    void close() {
        if (sim != null) {
            assertEquals(List.of(), sim.schemaViolations(), "every request must pass PVE's schema");
            sim.close();
        }
    }

    static PveClientConfig fast() {
        return SimulatorFlowTest.fastConfig();
    }

    private int createStopped(PveHypervisorAdapter pve, NodeEndpoint ep, String name) {
        int vmid = pve.nextFreeVmid(ep);
        pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid, VmSettings.builder().name(name).build(), false)),
                WAIT);
        return vmid;
    }

    // ------------------------------------------------------------------ tickets

    @Test
    void ticketIsRenewedBeforeItExpires() throws Exception {
        sim = PveSimulator.builder().ticketLifetime(Duration.ofMillis(1500)).start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast().withTickets(Duration.ofMillis(300),
                Duration.ofMillis(1500)));
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        long end = System.nanoTime() + Duration.ofMillis(2200).toNanos();
        while (System.nanoTime() < end) {
            pve.nodeStatus(ep);
            Thread.sleep(100);
        }
        assertEquals(1, sim.passwordLogins(), "one password login, the rest were renewals");
        assertTrue(sim.ticketRenewals() >= 2, "renewed " + sim.ticketRenewals());
        assertTrue(sim.requests().stream().noneMatch(r -> r.status() == 401), "never presented an expired ticket");
    }

    @Test
    void expiredTicketLeadsToOneTransparentReLogin() throws Exception {
        sim = PveSimulator.builder().start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast()); // believes tickets live 2 h
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        int vmid = createStopped(pve, ep, "relogin");
        sim.ticketLifetime(Duration.ofMillis(200)); // the ticket the adapter holds is now expired on the node
        Thread.sleep(300);
        // a POST with an expired ticket: 401, re-login, same request again (with a fresh CSRF token)
        Upid start = pve.power(ep, vmid, PowerAction.START);
        sim.ticketLifetime(Duration.ofHours(2));
        pve.awaitTask(ep, start, WAIT);
        assertEquals("running", sim.vmStatus(vmid));
        assertEquals(2, sim.passwordLogins());
        assertEquals(1, sim.requests().stream().filter(r -> r.status() == 401).count());
    }

    @Test
    void wrongPasswordIsAnAuthFailureWithoutTheSecret() {
        sim = PveSimulator.builder().start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = sim.node("pve1").endpoint(new NodeAuth.Password("root", "pam", "Wr0ng-Pa55"));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.nodeStatus(ep));
        assertEquals(Kind.AUTH, e.kind());
        assertFalse(e.getMessage().contains("Wr0ng-Pa55"));
        assertFalse(ep.toString().contains("Wr0ng-Pa55"));
    }

    @Test
    void rootOnlyOptionIsAPermissionFailureWithPvesMessage() {
        sim = PveSimulator.builder().user("ops@pve", "ops-pass").start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = sim.node("pve1").endpoint(new NodeAuth.Password("ops", "pve", "ops-pass"));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.createVm(ep,
                new VmCreateSpec(150, VmSettings.builder().name("x").args("-smp 2").build(), false)));
        assertEquals(Kind.PERMISSION, e.kind());
        assertTrue(e.getMessage().contains("only root can set 'args'"), e.getMessage());
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void certificatePinningTrustOnFirstUseMismatchAndRePin() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());

        CertificateProbe probe = pve.probeCertificate("127.0.0.1", node.port());
        assertEquals(node.fingerprint(), probe.sha256Fingerprint());
        assertFalse(probe.trustedBySystem(), "self-signed: the system store does not trust it");
        TlsTrust tofu = probe.trustOnFirstUse(null);
        assertEquals(TlsTrust.pinned(node.fingerprint()), tofu);
        assertEquals(tofu, probe.trustOnFirstUse(node.fingerprint().toLowerCase().replace(":", "")));
        assertEquals(Kind.TLS_MISMATCH, assertThrows(HypervisorException.class,
                () -> probe.trustOnFirstUse("00".repeat(32))).kind());

        NodeAuth root = new NodeAuth.Password("root", "pam", PveSimulator.ROOT_PASSWORD);
        NodeEndpoint pinned = new NodeEndpoint("127.0.0.1", node.port(), "pve1", root, tofu);
        assertEquals(16, pve.nodeStatus(pinned).cpuCount());

        int beforeCa = sim.requests().size();
        NodeEndpoint ca = new NodeEndpoint("127.0.0.1", node.port(), "pve1", root, TlsTrust.ca());
        HypervisorException untrusted = assertThrows(HypervisorException.class, () -> pve.nodeStatus(ca));
        assertEquals(Kind.TLS_MISMATCH, untrusted.kind(), "no CA vouches for a self-signed certificate");
        assertEquals(beforeCa, sim.requests().size(), "the handshake failed before any request or credential");

        String old = node.fingerprint();
        node.rotateCertificate();
        HypervisorException mismatch = assertThrows(HypervisorException.class, () -> pve.nodeStatus(pinned));
        assertEquals(Kind.TLS_MISMATCH, mismatch.kind());
        assertTrue(mismatch.getMessage().contains(node.fingerprint()) && mismatch.getMessage().contains(old),
                mismatch.getMessage());
        int before = sim.requests().size();
        assertThrows(HypervisorException.class, () -> pve.nodeStatus(pinned));
        assertEquals(before, sim.requests().size(), "no request (and no credential) reaches a mismatching node");

        NodeEndpoint rePinned = new NodeEndpoint("127.0.0.1", node.port(), "pve1", root,
                TlsTrust.pinned(node.fingerprint()));
        assertEquals(16, pve.nodeStatus(rePinned).cpuCount());
    }

    // ------------------------------------------------------------------ faults

    @Test
    void unreachableNodeAndRecovery() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = node.rootEndpoint();
        pve.nodeStatus(ep);
        node.stop();
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.nodeStatus(ep));
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.retryable());
        node.start();
        assertEquals(16, pve.nodeStatus(ep).cpuCount());
    }

    @Test
    void lockTimeoutIsAConflictAndNotRetriedForPosts() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = node.rootEndpoint();
        int vmid = createStopped(pve, ep, "locked");
        node.inject(Fault.lockTimeout(vmid).on("POST", ".*/status/start"));
        int before = sim.requests().size();
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.power(ep, vmid,
                PowerAction.START));
        assertEquals(Kind.CONFLICT, e.kind());
        assertEquals(HypervisorException.Conflict.LOCK_TIMEOUT, e.conflict());
        assertTrue(e.getMessage().contains("can't lock file"), e.getMessage());
        assertEquals(1, sim.requests().subList(before, sim.requests().size()).stream()
                .filter(r -> r.path().endsWith("/status/start")).count(), "a POST is never repeated");
        pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.START), WAIT);
    }

    @Test
    void concurrentCreateThatTookTheIdIsAConflictAndNodeCapacityIsEnforced() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = node.rootEndpoint();
        int vmid = pve.nextFreeVmid(ep);
        node.inject(Fault.alreadyExists(vmid, "pve2"));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.createVm(ep,
                new VmCreateSpec(vmid, VmSettings.builder().name("race").build(), false)));
        assertEquals(Kind.CONFLICT, e.kind());
        assertEquals(HypervisorException.Conflict.ALREADY_EXISTS, e.conflict());
        assertTrue(e.getMessage().contains("VM " + vmid + " already exists"));

        pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid, VmSettings.builder().name("huge")
                .memoryMiB(80 * 1024).build(), false)), WAIT);
        HypervisorException oom = assertThrows(HypervisorException.class,
                () -> pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.START), WAIT));
        assertEquals(Kind.TASK_FAILED, oom.kind());
        assertTrue(oom.getMessage().contains("cannot allocate memory"), oom.getMessage());
    }

    @Test
    void serverErrorsOnReadsAreRetriedWithBackoff() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = node.rootEndpoint();
        node.inject(Fault.internalError().on("GET", "/nodes/pve1/status").times(2));
        assertEquals(16, pve.nodeStatus(ep).cpuCount());
        assertEquals(3, sim.requests().stream().filter(r -> r.path().equals("/nodes/pve1/status")).count());

        node.inject(Fault.internalError().on("GET", "/nodes/pve1/status").times(5));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.nodeStatus(ep));
        assertEquals(Kind.RETRYABLE, e.kind());
        assertEquals(500, e.httpStatus());
    }

    @Test
    void hangingNodeTimesOut() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast().withRequestTimeout(Duration.ofMillis(1500))
                .withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)));
        NodeEndpoint ep = node.rootEndpoint();
        new PveHypervisorAdapter(fast()).nodeStatus(ep); // warm the simulator up (cold JVM on 2 cores)
        pve.nodeStatus(ep);
        node.inject(Fault.hang().on("GET", "/nodes/pve1/network"));
        long t0 = System.nanoTime();
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.networkInterfaces(ep));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(ms >= 1400 && ms < 5000, "timed out after " + ms + " ms");
    }

    @Test
    void invalidInputComesBackAsValidationNamingTheParameter() {
        sim = PveSimulator.builder().start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.createVm(ep,
                new VmCreateSpec(160, VmSettings.builder().name("bad").osType("win99").build(), false)));
        assertEquals(Kind.VALIDATION, e.kind());
        assertEquals("ostype", e.parameter());
        assertEquals(400, e.httpStatus());
        assertEquals(1, sim.schemaViolations().size());
        sim.close();
        sim = null;
    }

    // ------------------------------------------------------------------ tasks

    @Test
    void taskFailureCarriesTheLogTail() {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = node.rootEndpoint();
        int vmid = createStopped(pve, ep, "fails");
        pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.START), WAIT);
        Upid again = pve.power(ep, vmid, PowerAction.START);
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.awaitTask(ep, again, WAIT));
        assertEquals(Kind.TASK_FAILED, e.kind());
        assertTrue(e.getMessage().contains("VM " + vmid + " already running"), e.getMessage());
        assertTrue(e.getMessage().contains("TASK ERROR"), "log tail included: " + e.getMessage());

        node.inject(Fault.failTask("storage 'local-lvm' is not online").on("POST", ".*/status/stop"));
        HypervisorException f = assertThrows(HypervisorException.class,
                () -> pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.STOP), WAIT));
        assertEquals(Kind.TASK_FAILED, f.kind());
        assertTrue(f.getMessage().contains("is not online"));
    }

    @Test
    void taskWaitTimesOut() {
        sim = PveSimulator.builder().taskDuration(Duration.ofSeconds(3)).start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        Upid upid = pve.createVm(ep, new VmCreateSpec(170, VmSettings.builder().name("slow").build(), false));
        long t0 = System.nanoTime();
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> pve.awaitTask(ep, upid, Duration.ofMillis(300)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(ms >= 300 && ms < 2000, "waited " + ms + " ms");
        assertTrue(pve.taskStatus(ep, upid).running());
    }

    @Test
    void freshUpidAnswering400IsNotYetVisibleNotFailed() {
        sim = PveSimulator.builder().taskVisibilityDelay(Duration.ofMillis(1000)).taskDuration(Duration.ofMillis(50))
                .start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast());
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        Upid upid = pve.createVm(ep, new VmCreateSpec(180, VmSettings.builder().name("fresh").build(), false));
        HypervisorException direct = assertThrows(HypervisorException.class, () -> pve.taskStatus(ep, upid));
        assertEquals(400, direct.httpStatus(), "PVE really answers 400 for a fresh UPID");
        assertTrue(pve.awaitTask(ep, upid, WAIT).succeeded());
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void perNodeRequestLimitQueuesBursts() throws Exception {
        sim = PveSimulator.builder().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast().withLimits(2, 2));
        NodeEndpoint ep = node.rootEndpoint();
        pve.nodeStatus(ep);
        node.responseDelay(Duration.ofMillis(150));
        node.resetConcurrencyStats();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> pve.nodeStatus(ep)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, node.maxConcurrentRequests());
    }

    @Test
    void perStorageLimitSerialisesStorageTasksUntilTheyEnd() throws Exception {
        sim = PveSimulator.builder().taskDuration(Duration.ofMillis(200)).start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast().withLimits(8, 1));
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int vmid = 200 + i;
                fs.add(pool.submit(() -> pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid,
                        VmSettings.builder().name("burst" + vmid)
                                .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 8)).build(), false)),
                        WAIT)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, sim.maxConcurrentStorageTasks("pve1", "local-lvm"));
        assertTrue(sim.vmExists(200) && sim.vmExists(201) && sim.vmExists(202));
        assertEquals(0, pve.limits().activeStorageLeases("127.0.0.1:" + sim.node("pve1").port() + "/local-lvm"));
    }

    @Test
    void withoutAStorageLimitTheSameBurstOverlaps() throws Exception {
        sim = PveSimulator.builder().taskDuration(Duration.ofMillis(800)).start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast().withLimits(8, 3));
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        List<Upid> upids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            upids.add(pve.createVm(ep, new VmCreateSpec(300 + i, VmSettings.builder().name("p" + i)
                    .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 8)).build(), false)));
        }
        for (Upid u : upids) {
            pve.awaitTask(ep, u, WAIT);
        }
        assertEquals(3, sim.maxConcurrentStorageTasks("pve1", "local-lvm"));
    }

    @Test
    void storageSlotTimesOutWhenTheQueueIsFull() {
        sim = PveSimulator.builder().taskDuration(Duration.ofSeconds(3)).start();
        PveHypervisorAdapter pve = new PveHypervisorAdapter(fast().withLimits(8, 1)
                .withQueueing(Duration.ofMillis(200), Duration.ofMinutes(1)));
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        pve.createVm(ep, new VmCreateSpec(400, VmSettings.builder().name("a")
                .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 8)).build(), false));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.createVm(ep,
                new VmCreateSpec(401, VmSettings.builder().name("b")
                        .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 8)).build(), false)));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertFalse(sim.vmExists(401), "the queued create never reached PVE");
    }
}
