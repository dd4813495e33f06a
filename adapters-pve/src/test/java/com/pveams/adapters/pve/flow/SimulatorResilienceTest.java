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
import com.pveams.adapters.pve.support.Eventually;
import com.pveams.adapters.pve.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Auth renewal, TLS pinning, faults, task waiting and concurrency limits against the simulator.
 * <p>
 * The simulator and the adapter share one hand-moved clock, and the adapter's sleeper moves that clock instead of
 * waiting: tickets age, tasks run and waits time out only as far as the test or the adapter's own polling moves time,
 * never as a race against a loaded machine. Concurrency is observed by holding the node's answers, not by delays.
 */
class SimulatorResilienceTest {

    static final Duration WAIT = Duration.ofSeconds(10); // hand-moved time: only the adapter's polls advance it
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
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

    PveSimulator.Builder simulator() {
        return PveSimulator.builder().clock(clock);
    }

    PveHypervisorAdapter adapter(PveClientConfig config) {
        return new PveHypervisorAdapter(config, clock, clock::sleep);
    }

    private int createStopped(PveHypervisorAdapter pve, NodeEndpoint ep, String name) {
        int vmid = pve.nextFreeVmid(ep);
        pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid, VmSettings.builder().name(name).build(), false)),
                WAIT);
        return vmid;
    }

    // ------------------------------------------------------------------ tickets

    @Test
    void ticketIsRenewedBeforeItExpires() {
        sim = simulator().start(); // PVE's 2 h tickets
        PveHypervisorAdapter pve = adapter(fast()); // renews after 60 min
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        for (int i = 0; i < 10; i++) { // 0, 25, … 225 min: renewals at 75, 150 and 225
            pve.nodeStatus(ep);
            clock.advance(Duration.ofMinutes(25));
        }
        assertEquals(1, sim.passwordLogins(), "one password login, the rest were renewals");
        assertEquals(3, sim.ticketRenewals());
        assertTrue(sim.requests().stream().noneMatch(r -> r.status() == 401), "never presented an expired ticket");
    }

    @Test
    void expiredTicketLeadsToOneTransparentReLogin() {
        sim = simulator().start();
        PveHypervisorAdapter pve = adapter(fast()); // believes tickets live 2 h
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        int vmid = createStopped(pve, ep, "relogin");
        sim.ticketLifetime(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2)); // the ticket the adapter holds is now expired on the node
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
        sim = simulator().start();
        PveHypervisorAdapter pve = adapter(fast());
        NodeEndpoint ep = sim.node("pve1").endpoint(new NodeAuth.Password("root", "pam", "Wr0ng-Pa55"));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.nodeStatus(ep));
        assertEquals(Kind.AUTH, e.kind());
        assertFalse(e.getMessage().contains("Wr0ng-Pa55"));
        assertFalse(ep.toString().contains("Wr0ng-Pa55"));
    }

    @Test
    void rootOnlyOptionIsAPermissionFailureWithPvesMessage() {
        sim = simulator().user("ops@pve", "ops-pass").start();
        PveHypervisorAdapter pve = adapter(fast());
        NodeEndpoint ep = sim.node("pve1").endpoint(new NodeAuth.Password("ops", "pve", "ops-pass"));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.createVm(ep,
                new VmCreateSpec(150, VmSettings.builder().name("x").args("-smp 2").build(), false)));
        assertEquals(Kind.PERMISSION, e.kind());
        assertTrue(e.getMessage().contains("only root can set 'args'"), e.getMessage());
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void certificatePinningTrustOnFirstUseMismatchAndRePin() {
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast());

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
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast());
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
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast());
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
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast());
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
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast()); // 2 retries, backoff 10 ms doubling, capped at 50 ms
        NodeEndpoint ep = node.rootEndpoint();
        pve.nodeStatus(ep);
        node.inject(Fault.internalError().on("GET", "/nodes/pve1/status").times(2));
        Instant before = clock.instant();
        assertEquals(16, pve.nodeStatus(ep).cpuCount());
        assertEquals(4, sim.requests().stream().filter(r -> r.path().equals("/nodes/pve1/status")).count());
        Duration backedOff = Duration.between(before, clock.instant());
        assertTrue(backedOff.compareTo(Duration.ofMillis(2)) >= 0 && backedOff.compareTo(Duration.ofMillis(30)) <= 0,
                "two jittered pauses of at most 10 and 20 ms: " + backedOff);

        node.inject(Fault.internalError().on("GET", "/nodes/pve1/status").times(5));
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.nodeStatus(ep));
        assertEquals(Kind.RETRYABLE, e.kind());
        assertEquals(500, e.httpStatus());
    }

    @Test
    void hangingNodeTimesOutAndAReadIsTriedOnceMore() {
        sim = simulator().token("root@pam", "ams", "hang-token-secret").start();
        SimNode node = sim.node("pve1");
        // an API token: no login request, so the short request timeout applies only to the calls that hang
        NodeEndpoint ep = node.endpoint(new NodeAuth.ApiToken("root@pam", "ams", "hang-token-secret"));
        PveHypervisorAdapter pve = adapter(fast().withRequestTimeout(Duration.ofSeconds(2))
                .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5)));
        node.inject(Fault.hang().on("GET", "/nodes/pve1/network").times(2));
        Instant before = clock.instant();
        // the node never answers, so only the request timeout can end each try
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.networkInterfaces(ep));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("no answer from"), e.getMessage());
        Duration pause = Duration.between(before, clock.instant());
        assertTrue(pause.compareTo(Duration.ofMillis(1)) >= 0 && pause.compareTo(Duration.ofMillis(5)) <= 0,
                "one backoff pause before the one retry of a timed-out read: " + pause);
    }

    @Test
    void invalidInputComesBackAsValidationNamingTheParameter() {
        sim = simulator().start();
        PveHypervisorAdapter pve = adapter(fast());
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        // a range only PVE checks (enums and texts are refused by the typed records before any request)
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.createVm(ep,
                new VmCreateSpec(160, VmSettings.builder().name("bad").cores(0).build(), false)));
        assertEquals(Kind.VALIDATION, e.kind());
        assertEquals("cores", e.parameter());
        assertEquals(400, e.httpStatus());
        assertEquals(1, sim.schemaViolations().size());
        sim.close();
        sim = null;
    }

    // ------------------------------------------------------------------ tasks

    @Test
    void taskFailureCarriesTheLogTail() {
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast());
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
    void aFailedTaskIsRetryableOnlyForLockContention() {
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast());
        NodeEndpoint ep = node.rootEndpoint();
        int vmid = createStopped(pve, ep, "contended");
        node.inject(Fault.failTask("can't lock file '/var/lock/qemu-server/lock-" + vmid + ".conf' - got timeout")
                .on("POST", ".*/status/start"));
        HypervisorException lock = assertThrows(HypervisorException.class,
                () -> pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.START), WAIT));
        assertEquals(Kind.TASK_FAILED, lock.kind());
        assertTrue(lock.retryable(), "lock contention is tried again");
        assertTrue(lock.taskExit().orElseThrow().transientFailure());

        node.inject(Fault.failTask("no space left on device").on("POST", ".*/status/start"));
        HypervisorException space = assertThrows(HypervisorException.class,
                () -> pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.START), WAIT));
        assertEquals(Kind.TASK_FAILED, space.kind());
        assertFalse(space.retryable(), "any other task error fails for good");
        assertTrue(space.getMessage().contains("no space left on device"), space.getMessage());
    }

    @Test
    void taskWaitTimesOut() {
        sim = simulator().taskDuration(Duration.ofSeconds(3)).start();
        PveHypervisorAdapter pve = adapter(fast()); // polls every 10 ms, growing to 50 ms
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        Upid upid = pve.createVm(ep, new VmCreateSpec(170, VmSettings.builder().name("slow").build(), false));
        Instant t0 = clock.instant();
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> pve.awaitTask(ep, upid, Duration.ofMillis(300)));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        Duration waited = Duration.between(t0, clock.instant());
        assertTrue(waited.compareTo(Duration.ofMillis(300)) >= 0 && waited.compareTo(Duration.ofMillis(350)) < 0,
                "polled until the timeout and no longer: " + waited);
        assertTrue(sim.requests().stream().filter(r -> r.path().endsWith("/status")).count() >= 5, "polled");
        assertTrue(pve.taskStatus(ep, upid).running());
        clock.advance(Duration.ofSeconds(3));
        assertTrue(pve.taskStatus(ep, upid).succeeded(), "the task itself went on and ended");
    }

    @Test
    void freshUpidAnswering400IsNotYetVisibleNotFailed() {
        sim = simulator().taskVisibilityDelay(Duration.ofMillis(1000)).taskDuration(Duration.ofMillis(50))
                .start();
        PveHypervisorAdapter pve = adapter(fast()); // grace for fresh UPIDs: 2 s
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        Upid upid = pve.createVm(ep, new VmCreateSpec(180, VmSettings.builder().name("fresh").build(), false));
        HypervisorException direct = assertThrows(HypervisorException.class, () -> pve.taskStatus(ep, upid));
        assertEquals(400, direct.httpStatus(), "PVE really answers 400 for a fresh UPID");
        Instant t0 = clock.instant();
        assertTrue(pve.awaitTask(ep, upid, WAIT).succeeded());
        assertTrue(Duration.between(t0, clock.instant()).compareTo(Duration.ofMillis(1000)) >= 0,
                "waited through the second in which the UPID answered 400");
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void perNodeRequestLimitQueuesBursts() throws Exception {
        sim = simulator().start();
        SimNode node = sim.node("pve1");
        PveHypervisorAdapter pve = adapter(fast().withLimits(2, 2));
        NodeEndpoint ep = node.rootEndpoint();
        pve.nodeStatus(ep); // logged in: the burst is eight status reads and nothing else
        node.resetConcurrencyStats();
        node.holdResponses();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> pve.nodeStatus(ep)));
            }
            // nothing is answered, so the picture can only be: two requests at the node, six queued in the adapter
            Eventually.awaitTrue(() -> node.inFlight() == 2 && pve.limits().queuedForNode(ep.authority()) == 6,
                    "two requests in flight and six queued (now " + node.inFlight() + " and "
                            + pve.limits().queuedForNode(ep.authority()) + ")");
            assertEquals(2, node.maxConcurrentRequests());
            node.releaseResponses();
            for (Future<?> f : fs) {
                f.get(Eventually.GENEROUS.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            node.releaseResponses();
            pool.shutdownNow();
        }
        assertEquals(2, node.maxConcurrentRequests());
        assertEquals(9, sim.requests().stream().filter(r -> r.path().equals("/nodes/pve1/status")).count());
    }

    @Test
    void perStorageLimitSerialisesStorageTasksUntilTheyEnd() throws Exception {
        sim = simulator().taskDuration(Duration.ofMillis(200)).start();
        PveHypervisorAdapter pve = adapter(fast().withLimits(8, 1));
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
                f.get(Eventually.GENEROUS.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, sim.maxConcurrentStorageTasks("pve1", "local-lvm"));
        assertTrue(sim.vmExists(200) && sim.vmExists(201) && sim.vmExists(202));
        assertEquals(0, pve.limits().activeStorageLeases("127.0.0.1:" + sim.node("pve1").port() + "/local-lvm"));
    }

    @Test
    void withoutAStorageLimitTheSameBurstOverlaps() {
        sim = simulator().taskDuration(Duration.ofMillis(800)).start();
        PveHypervisorAdapter pve = adapter(fast().withLimits(8, 3));
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        List<Upid> upids = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // time stands still here: all three tasks are running together
            upids.add(pve.createVm(ep, new VmCreateSpec(300 + i, VmSettings.builder().name("p" + i)
                    .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 8)).build(), false)));
        }
        assertEquals(3, sim.maxConcurrentStorageTasks("pve1", "local-lvm"));
        for (Upid u : upids) {
            assertTrue(pve.awaitTask(ep, u, WAIT).succeeded());
        }
    }

    @Test
    void storageSlotTimesOutWhenTheQueueIsFull() {
        sim = simulator().taskDuration(Duration.ofSeconds(3)).start();
        PveHypervisorAdapter pve = adapter(fast().withLimits(8, 1)
                .withQueueing(Duration.ofMillis(200), Duration.ofMinutes(1)));
        NodeEndpoint ep = sim.node("pve1").rootEndpoint();
        Upid first = pve.createVm(ep, new VmCreateSpec(400, VmSettings.builder().name("a")
                .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 8)).build(), false));
        // time stands still, so the first task keeps its slot: the queue timeout is the only way out
        HypervisorException e = assertThrows(HypervisorException.class, () -> pve.createVm(ep,
                new VmCreateSpec(401, VmSettings.builder().name("b")
                        .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 8)).build(), false)));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertFalse(sim.vmExists(401), "the queued create never reached PVE");
        assertTrue(pve.taskStatus(ep, first).running());
    }
}
