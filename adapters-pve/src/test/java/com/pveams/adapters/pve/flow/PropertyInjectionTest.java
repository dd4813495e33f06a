package com.pveams.adapters.pve.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pveams.adapters.pve.PveHypervisorAdapter;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.support.MutableClock;
import com.pveams.application.port.out.hypervisor.CpuSpec;
import com.pveams.application.port.out.hypervisor.DiskResize;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.DownloadUrlRequest;
import com.pveams.application.port.out.hypervisor.IpConfig;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.VmConfigUpdate;
import com.pveams.application.port.out.hypervisor.VmCreateSpec;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.domain.error.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 8 item 4 against the simulator: every value that becomes part of a PVE option is refused when it carries a
 * separator (an extra property, a second flag, a newline), naming the field, and nothing reaches PVE; the valid forms
 * still create a VM whose config is what PVE's schema wants (the simulator validates every request).
 */
class PropertyInjectionTest {

    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    static PveSimulator sim;
    static PveHypervisorAdapter pve;
    static NodeEndpoint ep;

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().clock(clock).nodes("pve1").taskDuration(Duration.ofMillis(30)).start();
        sim.node("pve1").addVolume("local", "local:import/debian-12.qcow2", "import", 300L << 20);
        pve = new PveHypervisorAdapter(SimulatorFlowTest.fastConfig(), clock, clock::sleep);
        ep = sim.node("pve1").rootEndpoint();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void noSchemaViolations() {
        assertEquals(List.of(), sim.schemaViolations(), "every request must pass PVE's schema");
    }

    /** A VM that would be valid; {@code change} puts one smuggling value into it. */
    private static Executable createWith(Consumer<VmSettings.Builder> change) {
        return () -> {
            VmSettings.Builder b = VmSettings.builder().name("vm1").memoryMiB(1024);
            change.accept(b);
            pve.createVm(ep, new VmCreateSpec(900, b.build(), false));
        };
    }

    private static DynamicTest refusedBeforeAnyRequest(String injection, String field, Executable call) {
        return DynamicTest.dynamicTest(field + ": " + injection.replace("\n", "\\n"), () -> {
            int before = sim.requests().size();
            DomainException e = assertThrows(DomainException.class, call);
            assertEquals(field, e.field().orElseThrow(), e.getMessage());
            assertEquals(before, sim.requests().size(), "no request may reach PVE");
        });
    }

    @TestFactory
    Stream<DynamicTest> everyFieldRefusesAnExtraProperty() {
        String mac = "BC:24:11:AA:00:0F";
        return Stream.of(
                refusedBeforeAnyRequest("local-lvm,cache=unsafe", "storage", createWith(b ->
                        b.disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 1, "local-lvm,cache=unsafe", 10)))),
                refusedBeforeAnyRequest("local-lvm\n", "storage", createWith(b ->
                        b.disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, 2, "local-lvm\n")))),
                refusedBeforeAnyRequest("vmbr0,firewall=0", "bridge", createWith(b ->
                        b.net(NetDevice.virtio(0, "vmbr0,firewall=0")))),
                refusedBeforeAnyRequest(mac + ",bridge=x", "macAddress", createWith(b ->
                        b.net(NetDevice.virtio(0, "vmbr0").withMac(mac + ",bridge=x")))),
                refusedBeforeAnyRequest("virtio=" + mac + ",bridge=x", "model", createWith(b ->
                        b.net(new NetDevice(0, "virtio=" + mac + ",bridge=x", null, "vmbr0", true, null, null, null,
                                null)))),
                refusedBeforeAnyRequest("local-lvm:vm-1-disk-0,cache=unsafe", "volume", createWith(b ->
                        b.disk(DiskSpec.existing(DiskSpec.Bus.SCSI, 1, "local-lvm:vm-1-disk-0,cache=unsafe")))),
                refusedBeforeAnyRequest("local:iso/x.iso,media=disk", "volume", createWith(b ->
                        b.disk(DiskSpec.cdrom(DiskSpec.Bus.IDE, 2, "local:iso/x.iso,media=disk")))),
                refusedBeforeAnyRequest("local:import/debian-12.qcow2,discard=ignore", "importFrom", createWith(b ->
                        b.disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, "local-lvm",
                                "local:import/debian-12.qcow2,discard=ignore")))),
                refusedBeforeAnyRequest("/var/lib/vz/../../etc/shadow", "importFrom", createWith(b ->
                        b.disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, "local-lvm", "/var/lib/vz/../../etc/shadow")))),
                refusedBeforeAnyRequest("none,aio=native", "cache", createWith(b ->
                        b.disk(new DiskSpec(DiskSpec.Bus.SCSI, 1, "local-lvm", 10, null, null, false, false, true, false,
                                false, "none,aio=native", null)))),
                refusedBeforeAnyRequest("1.2.3.4/24\ngw=1.2.3.1", "ipv4", createWith(b ->
                        b.ipConfig(IpConfig.v4(0, "1.2.3.4/24\ngw=1.2.3.1", null)))),
                refusedBeforeAnyRequest("1.2.3.4/24,gw=1.2.3.1", "ipv4", createWith(b ->
                        b.ipConfig(IpConfig.v4(0, "1.2.3.4/24,gw=1.2.3.1", null)))),
                refusedBeforeAnyRequest("192.0.2.1,ip6=auto", "gateway4", createWith(b ->
                        b.ipConfig(IpConfig.v4(0, "192.0.2.5/24", "192.0.2.1,ip6=auto")))),
                refusedBeforeAnyRequest("2001:db8::5/64,gw6=2001:db8::1", "ipv6", createWith(b ->
                        b.ipConfig(new IpConfig(0, null, null, "2001:db8::5/64,gw6=2001:db8::1", null)))),
                refusedBeforeAnyRequest("2001:db8::1 ", "gateway6", createWith(b ->
                        b.ipConfig(new IpConfig(0, null, null, "2001:db8::5/64", "2001:db8::1 ")))),
                refusedBeforeAnyRequest("host,hidden=1", "cpu", createWith(b ->
                        b.cpu(CpuSpec.of("host,hidden=1")))),
                refusedBeforeAnyRequest("+aes;+vmx", "cpuFlags", createWith(b ->
                        b.cpu(new CpuSpec("host", List.of("+aes;+vmx"), false)))),
                refusedBeforeAnyRequest("vm1,tags=x", "name", createWith(b -> b.name("vm1,tags=x"))),
                refusedBeforeAnyRequest("a;b", "tags", createWith(b -> b.tag("a;b"))),
                refusedBeforeAnyRequest("1.1.1.1 8.8.8.8", "nameserver", createWith(b -> b.nameserver("1.1.1.1 8.8.8.8"))),
                refusedBeforeAnyRequest("example.com\nx", "searchdomain", createWith(b -> b.searchDomain("example.com\nx"))),
                refusedBeforeAnyRequest("user=local:snippets/u.yaml,args=-chardev", "cicustom", createWith(b ->
                        b.ciCustom("user=local:snippets/u.yaml,args=-chardev"))),
                refusedBeforeAnyRequest("admin\nruncmd", "ciuser", createWith(b -> b.ciUser("admin\nruncmd"))),
                refusedBeforeAnyRequest("pw\nruncmd", "cipassword", createWith(b -> b.ciPassword("pw\nruncmd"))),
                refusedBeforeAnyRequest("key\nkey2", "sshkeys", createWith(b -> b.sshKey("ssh-ed25519 AAAA\nssh-rsa BBBB"))),
                refusedBeforeAnyRequest("NUL", "description", createWith(b -> b.description("a\u0000b"))),
                refusedBeforeAnyRequest("scsi0;net0", "boot", createWith(b -> b.bootOrder(List.of("scsi0;net0")))),
                refusedBeforeAnyRequest("q35,viommu=intel", "machine", createWith(b -> b.machine("q35,viommu=intel"))),
                refusedBeforeAnyRequest("l26,x", "ostype", createWith(b -> b.osType("l26,x"))),
                refusedBeforeAnyRequest("-cpu host -chardev …", "args", createWith(b ->
                        b.args("-cpu host -chardev file,id=x,path=/etc/shadow"))),
                refusedBeforeAnyRequest("type=1,serial=x,uuid=…", "args", createWith(b ->
                        b.args("-smbios type=1,serial='x,uuid=2b7e1516-28ae-4d2a-9f6c-1234567890ab'"))),
                refusedBeforeAnyRequest("scsi1,args", "delete", () -> pve.updateVmConfig(ep, 900,
                        new VmConfigUpdate(VmSettings.builder().build(), List.of("scsi1,args"), null))),
                refusedBeforeAnyRequest("scsi0,size=1", "disk", () -> pve.resizeDisk(ep, 900,
                        DiskResize.toGiB("scsi0,size=1", 10))),
                refusedBeforeAnyRequest("local,content=iso", "storage", () -> pve.downloadUrl(ep,
                        DownloadUrlRequest.of("local,content=iso", "https://93.184.216.34/x.qcow2", "x.qcow2", "import"))));
    }

    @Test
    void theValidFormsAreRenderedAsPveWantsThem() throws Exception {
        String args = "-smp 2,cores=2,threads=1,maxcpus=2 -cpu host,model-id='Intel Xeon',family=6,l3-cache=on,+avx2"
                + " -smbios type=1,manufacturer='ASUS',uuid=2b7e1516-28ae-4d2a-9f6c-1234567890ab";
        VmSettings s = VmSettings.builder().name("web-1.example.com").memoryMiB(1024).sockets(1).cores(2)
                .cpu(new CpuSpec("x86-64-v2-AES", List.of("+aes", "-pcid"), false)).osType("l26")
                .scsiHardware("virtio-scsi-single").machine("q35").args(args)
                .disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, "local-lvm", "local:import/debian-12.qcow2"))
                .disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, 2, "local-lvm"))
                .net(new NetDevice(0, "virtio", "bc:24:11:aa:00:0f", "vmbr0", true, 12.5, 100, null, null))
                .ipConfig(new IpConfig(0, "192.0.2.50/24", "192.0.2.1", "2001:DB8:0::50/64", "2001:db8::1"))
                .ciUser("admin").ciType("nocloud").ciCustom("network=local:snippets/net-901.yaml")
                .nameserver("1.1.1.1").nameserver("2606:4700:4700:0:0:0:0:1111").searchDomain("example.com")
                .bootOrder(List.of("scsi0", "ide2", "net0")).tag("ams").description("line 1\nline 2").build();
        pve.awaitTask(ep, pve.createVm(ep, new VmCreateSpec(901, s, false)), Duration.ofSeconds(10));
        Map<String, String> config = sim.vmConfig(901);
        assertEquals("virtio=BC:24:11:AA:00:0F,bridge=vmbr0,firewall=1,rate=12.5,tag=100", config.get("net0"));
        assertEquals("ip=192.0.2.50/24,gw=192.0.2.1,ip6=2001:db8::50/64,gw6=2001:db8::1", config.get("ipconfig0"));
        assertEquals("x86-64-v2-AES,flags=+aes;-pcid", config.get("cpu"));
        assertEquals("1.1.1.1 2606:4700:4700::1111", config.get("nameserver"));
        assertEquals("network=local:snippets/net-901.yaml", config.get("cicustom"));
        assertEquals(args, config.get("args"));
        assertEquals("q35", config.get("machine"));
        assertEquals("web-1.example.com", config.get("name"));
    }
}
