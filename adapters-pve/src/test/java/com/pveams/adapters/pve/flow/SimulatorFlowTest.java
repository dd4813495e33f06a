package com.pveams.adapters.pve.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.pve.PveClientConfig;
import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.adapters.pve.support.Eventually;
import com.pveams.adapters.pve.support.MutableClock;
import com.pveams.adapters.pve.tls.TlsContexts;
import com.pveams.application.port.out.hypervisor.ClusterResource;
import com.pveams.application.port.out.hypervisor.CpuSpec;
import com.pveams.application.port.out.hypervisor.DiskResize;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.DownloadUrlRequest;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.IpConfig;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.PowerAction;
import com.pveams.application.port.out.hypervisor.RrdConsolidation;
import com.pveams.application.port.out.hypervisor.RrdTimeframe;
import com.pveams.application.port.out.hypervisor.Snapshot;
import com.pveams.application.port.out.hypervisor.StorageInfo;
import com.pveams.application.port.out.hypervisor.TaskStatus;
import com.pveams.application.port.out.hypervisor.Upid;
import com.pveams.application.port.out.hypervisor.VmConfig;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.application.port.out.hypervisor.VmStatus;
import com.pveams.application.port.out.hypervisor.VncProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter against the stateful simulator: whole VM lifecycle and node reads, with both auth modes. Simulator and
 * adapter share a hand-moved clock that only the adapter's polling moves, so a task ends after a fixed number of
 * polls whatever the machine's load.
 */
class SimulatorFlowTest {

    static final Duration WAIT = Duration.ofSeconds(10); // hand-moved time
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    static PveSimulator sim;
    static SimNode pve1;
    static PveHypervisorAdapter pve;

    static PveClientConfig fastConfig() {
        // request timeout as in production: a loaded machine must not turn a slow answer into a failure
        return PveClientConfig.defaults()
                .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50))
                .withTaskPolling(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().clock(clock).nodes("pve1", "pve2").taskDuration(Duration.ofMillis(30))
                .token("root@pam", "ams", "5f2b1c9e-0d1a-4d57-9f55-3a8f3c1e2b77").start();
        pve1 = sim.node("pve1");
        pve1.addVolume("local", "local:import/debian-12.qcow2", "import", 300L << 20);
        pve = new PveHypervisorAdapter(fastConfig(), clock, clock::sleep);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void noSchemaViolations() {
        assertEquals(List.of(), sim.schemaViolations(), "every request must pass PVE's schema");
    }

    static VmSettings linuxVm(String name) {
        return VmSettings.builder().name(name).memoryMiB(2048).sockets(1).cores(2)
                .cpu(new CpuSpec("x86-64-v2-AES", List.of("+aes", "-pcid"), false)).osType("l26").onBoot(true)
                .agent(true).scsiHardware("virtio-scsi-single")
                .disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, "local-lvm", "local:import/debian-12.qcow2"))
                .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 1, "local-lvm", 20)
                        .withLimits(new DiskSpec.Limits(1000, 2000, 800, null, 100.0, null, 50.5, null)))
                .disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, 2, "local-lvm"))
                .net(NetDevice.virtio(0, "vmbr0").withRate(12.5))
                .ipConfig(new IpConfig(0, "192.0.2.50/24", "192.0.2.1", "2001:db8::50/64", "2001:db8::1"))
                .ciUser("admin").ciPassword("Sup3r$ecret pass").ciType("nocloud").nameserver("1.1.1.1")
                .nameserver("2606:4700:4700::1111").searchDomain("example.com")
                .sshKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGr4 admin@example.com")
                .sshKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7+/= ops key")
                .bootOrder(List.of("scsi0", "ide2", "net0")).description("customer #42: web, \"prod\"")
                .tag("ams").tag("customer-42").build();
    }

    @Test
    void fullVmLifecycleWithPasswordAuth() throws Exception {
        NodeEndpoint ep = pve1.rootEndpoint();
        int vmid = pve.nextFreeVmid(ep);
        assertTrue(pve.isVmidFree(ep, vmid));
        Upid create = pve.createVm(ep, new VmCreateSpec(vmid, linuxVm("web-42"), false));
        assertEquals("qmcreate", create.type());
        assertEquals(String.valueOf(vmid), create.id());
        assertTrue(pve.awaitTask(ep, create, WAIT).succeeded());
        assertFalse(pve.isVmidFree(ep, vmid));

        VmConfig cfg = pve.vmConfig(ep, vmid);
        assertEquals(Optional.of("web-42"), cfg.name());
        assertEquals(Optional.of(2048), cfg.memoryMiB());
        assertEquals(Optional.of("vmbr0"), cfg.property("net0", "bridge"));
        assertTrue(cfg.property("net0", "macaddr").isPresent(), "PVE assigns a MAC");
        assertTrue(cfg.get("scsi1").orElseThrow().contains("mbps_wr=50.5"));
        assertTrue(cfg.get("sshkeys").orElseThrow().contains("%20"), "ssh keys are stored percent-encoded");
        assertTrue(cfg.digest() != null && cfg.digest().length() == 40);

        Optional<Upid> update = pve.updateVmConfig(ep, vmid, new VmConfigUpdate(
                VmSettings.builder().memoryMiB(4096).cores(4).build(), List.of("description"), cfg.digest()));
        pve.awaitTask(ep, update.orElseThrow(), WAIT);
        assertEquals("4096", sim.vmConfig(vmid).get("memory"));
        assertFalse(sim.vmConfig(vmid).containsKey("description"));

        HypervisorException stale = assertThrows(HypervisorException.class, () -> pve.updateVmConfig(ep, vmid,
                new VmConfigUpdate(VmSettings.builder().cores(8).build(), List.of(), cfg.digest())));
        assertTrue(stale.getMessage().contains("modified configuration"), stale.getMessage());
        assertEquals(Kind.CONFLICT, stale.kind());
        assertEquals(HypervisorException.Conflict.MODIFIED, stale.conflict());

        pve.regenerateCloudInit(ep, vmid);
        assertEquals(1, sim.cloudInitRegenerations(vmid));

        pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.START), WAIT);
        VmStatus st = pve.vmStatus(ep, vmid);
        assertTrue(st.running());
        assertEquals(4096L << 20, st.maxmem());
        assertTrue(st.agentEnabled());

        assertTrue(pve.agentPing(ep, vmid));
        pve.agentSetUserPassword(ep, vmid, "admin", "N3w pass&word=1");
        assertEquals(Optional.of("N3w pass&word=1"), sim.guestPassword(vmid, "admin"));

        assertEquals(70, pve.vmRrd(ep, vmid, RrdTimeframe.HOUR, RrdConsolidation.AVERAGE).size());

        Upid resize = pve.resizeDisk(ep, vmid, DiskResize.toGiB("scsi1", 30));
        pve.awaitTask(ep, resize, WAIT);
        assertTrue(sim.vmConfig(vmid).get("scsi1").contains("size=30G"));
        pve.awaitTask(ep, pve.resizeDisk(ep, vmid, DiskResize.growByGiB("scsi1", 5)), WAIT);
        assertTrue(sim.vmConfig(vmid).get("scsi1").contains("size=35G"));
        HypervisorException shrink = assertThrows(HypervisorException.class,
                () -> pve.resizeDisk(ep, vmid, DiskResize.toGiB("scsi1", 10)));
        assertTrue(shrink.getMessage().contains("shrinking"));

        sim.addSnapshot(vmid, "before-upgrade");
        List<Snapshot> snaps = pve.snapshots(ep, vmid);
        assertEquals(List.of("before-upgrade", "current"), snaps.stream().map(Snapshot::name).toList());
        pve.awaitTask(ep, pve.deleteSnapshot(ep, vmid, "before-upgrade"), WAIT);
        assertEquals(1, pve.snapshots(ep, vmid).size());

        pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.SUSPEND), WAIT);
        assertTrue(pve.vmStatus(ep, vmid).paused());
        pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.RESUME), WAIT);
        assertFalse(pve.vmStatus(ep, vmid).paused());

        HypervisorException running = assertThrows(HypervisorException.class, () -> pve.deleteVm(ep, vmid));
        assertEquals(Kind.CONFLICT, running.kind());
        assertEquals(HypervisorException.Conflict.WRONG_STATE, running.conflict());

        pve.awaitTask(ep, pve.shutdown(ep, vmid, 30, true), WAIT);
        assertTrue(pve.vmStatus(ep, vmid).stopped());
        assertFalse(pve.agentPing(ep, vmid), "agent is not running on a stopped VM");

        pve.awaitTask(ep, pve.deleteVm(ep, vmid), WAIT);
        assertFalse(sim.vmExists(vmid));
        HypervisorException gone = assertThrows(HypervisorException.class, () -> pve.vmStatus(ep, vmid));
        assertEquals(Kind.NOT_FOUND, gone.kind());

        // every non-GET request that used a ticket carried the CSRF token
        assertTrue(sim.requests().stream().filter(r -> r.auth().equals("ticket") && !r.method().equals("GET"))
                .allMatch(PveSimulator.Seen::csrf));
    }

    @Test
    void apiTokenAuthNeedsNoLoginAndNoCsrf() {
        int loginsBefore = sim.passwordLogins();
        int requestsBefore = sim.requests().size();
        NodeEndpoint ep = pve1.endpoint(new NodeAuth.ApiToken("root@pam", "ams",
                "5f2b1c9e-0d1a-4d57-9f55-3a8f3c1e2b77"));
        int vmid = pve.nextFreeVmid(ep);
        pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid, VmSettings.builder().name("tok")
                .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 4)).build(), true)), WAIT);
        assertTrue(pve.vmStatus(ep, vmid).running());
        pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.STOP), WAIT);
        pve.awaitTask(ep, pve.deleteVm(ep, vmid), WAIT);
        List<PveSimulator.Seen> mine = sim.requests().subList(requestsBefore, sim.requests().size());
        assertEquals(loginsBefore, sim.passwordLogins());
        assertTrue(mine.stream().allMatch(r -> r.auth().equals("token")), mine.toString());
        assertTrue(mine.stream().noneMatch(PveSimulator.Seen::csrf));

        NodeEndpoint wrong = pve1.endpoint(new NodeAuth.ApiToken("root@pam", "ams", "wrong"));
        assertEquals(Kind.AUTH, assertThrows(HypervisorException.class, () -> pve.nodeStatus(wrong)).kind());
    }

    @Test
    void nodeStorageAndClusterReads() {
        NodeEndpoint ep = pve1.rootEndpoint();
        var status = pve.nodeStatus(ep);
        assertEquals(16, status.cpuCount());
        assertEquals(64L << 30, status.memoryTotal());
        assertEquals(3, status.loadAverage().size());
        assertEquals(70, pve.nodeRrd(ep, RrdTimeframe.DAY, RrdConsolidation.MAX).size());
        assertTrue(pve.networkInterfaces(ep).stream().anyMatch(n -> n.name().equals("vmbr0") && n.vlanAware()));

        List<StorageInfo> images = pve.storages(ep, Optional.of("images"));
        assertEquals(List.of("local-lvm"), images.stream().map(StorageInfo::storage).toList());
        assertEquals(2, pve.storages(ep, Optional.empty()).size());

        Upid dl = pve.downloadUrl(ep, new DownloadUrlRequest("local", "https://93.184.216.34/debian-13.qcow2",
                "debian-13.qcow2", "import", "0123abcd", "sha256", null, true));
        pve.awaitTask(ep, dl, WAIT);
        assertTrue(pve.storageContent(ep, "local", Optional.of("import"), Optional.empty()).stream()
                .anyMatch(v -> v.volid().equals("local:import/debian-13.qcow2")));

        List<ClusterResource> nodes = pve.clusterResources(ep, Optional.of(ClusterResource.Kind.NODE));
        assertEquals(List.of("pve1", "pve2"), nodes.stream().map(ClusterResource::node).toList());
    }

    @Test
    void vmidsAreClusterWideAndCreatingAnExistingIdIsAConflict() {
        NodeEndpoint ep1 = pve1.rootEndpoint();
        NodeEndpoint ep2 = sim.node("pve2").rootEndpoint();
        int vmid = pve.nextFreeVmid(ep1);
        pve.awaitTask(ep1, pve.createVm(ep1, new VmCreateSpec(vmid, VmSettings.builder().name("a").build(),
                false)), WAIT);
        assertEquals(vmid + 1, pve.nextFreeVmid(ep2));
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> pve.createVm(ep2, new VmCreateSpec(vmid, VmSettings.builder().name("b").build(), false)));
        assertEquals(Kind.CONFLICT, e.kind());
        assertEquals(HypervisorException.Conflict.ALREADY_EXISTS, e.conflict());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        HypervisorException notHere = assertThrows(HypervisorException.class,
                () -> pve.power(ep2, 999_999, PowerAction.START));
        assertEquals(Kind.NOT_FOUND, notHere.kind());
        pve.awaitTask(ep1, pve.deleteVm(ep1, vmid), WAIT);
    }

    @Test
    void vncProxyOpensAWebsocketThatSpeaksRfb() throws Exception {
        NodeEndpoint ep = pve1.endpoint(new NodeAuth.ApiToken("root@pam", "ams",
                "5f2b1c9e-0d1a-4d57-9f55-3a8f3c1e2b77"));
        int vmid = pve.nextFreeVmid(ep);
        pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid, VmSettings.builder().name("vnc").build(), true)),
                WAIT);
        VncProxy proxy = pve.vncProxy(ep, vmid);
        assertTrue(proxy.port() >= 5900 && proxy.port() <= 5999);
        assertFalse(proxy.toString().contains(proxy.ticket()), "ticket is a secret");

        CompletableFuture<String> first = new CompletableFuture<>();
        HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.forTrust(ep.tls())).build();
        URI uri = URI.create("wss://127.0.0.1:" + pve1.port() + "/api2/json/nodes/pve1/qemu/" + vmid
                + "/vncwebsocket?port=" + proxy.port() + "&vncticket="
                + com.pveams.adapters.pve.client.FormEncoding.encode(proxy.ticket()));
        WebSocket ws = http.newWebSocketBuilder()
                .header("Authorization", "PVEAPIToken=root@pam!ams=5f2b1c9e-0d1a-4d57-9f55-3a8f3c1e2b77")
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        first.complete(StandardCharsets.US_ASCII.decode(data).toString());
                        return null;
                    }
                }).get(Eventually.GENEROUS.toSeconds(), TimeUnit.SECONDS);
        assertEquals("RFB 003.008\n", first.get(Eventually.GENEROUS.toSeconds(), TimeUnit.SECONDS));
        ws.abort();
        pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.STOP), WAIT);
        pve.awaitTask(ep, pve.deleteVm(ep, vmid), WAIT);
    }

    @Test
    void guestAgentAnswersOnlyOnceTheGuestRuns() {
        NodeEndpoint ep = pve1.rootEndpoint();
        int vmid = pve.nextFreeVmid(ep);
        pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(vmid, VmSettings.builder().name("noagent").build(),
                true)), WAIT);
        assertTrue(pve.vmStatus(ep, vmid).running());
        assertFalse(pve.agentPing(ep, vmid), "no agent configured: PVE answers 500, the port answers false");
        assertTrue(sim.requests().stream().anyMatch(r -> r.path().endsWith("/agent/ping") && r.status() == 500));
        TaskStatus stop = pve.awaitTask(ep, pve.power(ep, vmid, PowerAction.STOP), WAIT);
        assertTrue(stop.succeeded());
        pve.awaitTask(ep, pve.deleteVm(ep, vmid), WAIT);
    }
}
