package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.flavour.FlavourSpec;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.reservation.AllocatedAddress;
import com.pveams.domain.settings.DefaultDiskSizes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The create request's rules, in the legacy order of legacy-behavior §5.2, with its BUGs fixed. */
class VmCreateRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final DefaultDiskSizes DISKS = new DefaultDiskSizes(40, 60);
    private static final ImageFacts DEBIAN = new ImageFacts(1, "Debian 12", "debian-12.qcow2", "linux", "debian", "x86_64", 2L * 1024 * 1024 * 1024);
    private static final ImageFacts WINDOWS = new ImageFacts(2, "Win 2022", "win2022.qcow2", "windows", "windows", "x86_64", null);

    /** A request with every field null except those {@code edit} sets (through a map of field → value). */
    static VmRequest request(Map<String, Object> f) {
        return new VmRequest((Long) f.get("nodeid"), (String) f.get("hostname"), (Long) f.get("configureTemplateId"),
                (Integer) f.get("sockets"), (Integer) f.get("cores"), (Integer) f.get("threads"),
                (Boolean) f.get("nested"), (Boolean) f.get("devirtualization"), (Boolean) f.get("kvm"),
                (Long) f.get("cpuModel"), (Long) f.get("modelGroup"), (String) f.get("cpu"), (Integer) f.get("cpuUnits"),
                (Integer) f.get("bwlimit"), (Long) f.get("flowLimit"), (String) f.get("arch"), (Boolean) f.get("acpi"),
                (Integer) f.get("memory"), (String) f.get("storage"), (Integer) f.get("systemDiskSize"), null,
                null, (String) f.get("bridge"), null, null, (String) f.get("os"), (String) f.get("osType"),
                (Boolean) f.get("onBoot"), (Integer) f.get("bandwidth"), (String) f.get("username"),
                (String) f.get("password"), (Long) f.get("expirationTime"), (Boolean) f.get("ifnat"), null, null, null);
    }

    static VmRequest request(Consumer<Map<String, Object>> edit) {
        Map<String, Object> f = new HashMap<>();
        edit.accept(f);
        return request(f);
    }

    private static DomainException refused(ErrorCode code, String field, Executable e) {
        DomainException x = assertThrows(DomainException.class, e);
        assertEquals(code, x.code());
        assertEquals(field, x.field().orElse(null));
        return x;
    }

    private static VmHardware hw(Consumer<Map<String, Object>> edit) {
        return VmHardware.resolve(request(edit), null, 512000, null);
    }

    @Test
    void nodeAndImageAreRequired() {
        refused(ErrorCode.INVALID_PARAM, "nodeid", () -> request(f -> { }).requireNode());
        refused(ErrorCode.INVALID_PARAM, "nodeid", () -> request(f -> f.put("nodeid", 0L)).requireNode());
        assertEquals(7, request(f -> f.put("nodeid", 7L)).requireNode());
        refused(ErrorCode.IMAGE_NOT_NULL, "os", () -> request(f -> { }).requireImage());
        refused(ErrorCode.IMAGE_NOT_NULL, "os", () -> request(f -> f.put("os", "  ")).requireImage());
        assertFalse(request(f -> f.put("configureTemplateId", 0L)).namesFlavour());
        assertTrue(request(f -> f.put("configureTemplateId", 3L)).namesFlavour());
    }

    @Test
    void hardwareDefaultsAreTheLegacyOnes() {
        VmHardware h = hw(f -> f.put("sockets", 0));
        FlavourSpec s = h.spec();
        assertEquals(List.of(1, 1, 1), List.of(s.sockets(), s.cores(), s.threads()));
        assertEquals("kvm64", s.cpu());
        assertEquals(512, s.memoryMb());
        assertEquals(1, s.bandwidthMbps());
        assertTrue(s.acpi());
        assertTrue(s.kvm());
        assertFalse(s.nested());
        assertFalse(s.devirtualization());
        assertFalse(s.onBoot());
        assertEquals("x86_64", s.arch());
        assertEquals(100, s.cpuUnits(), "1 % is PVE's default weight");
        assertEquals(512000, h.bwlimitKbps(), "the system default");
        assertEquals(VmHardware.FALLBACK_STORAGE, h.storage());
        assertNull(s.systemDiskGb());
    }

    @Test
    void unitsAreConvertedAndClamped() {
        VmHardware h = hw(f -> {
            f.put("cpuUnits", 50);
            f.put("bwlimit", 10);
        });
        assertEquals(5000, h.spec().cpuUnits());
        assertEquals(10 * 1024, h.bwlimitKbps());
        assertEquals(10000, hw(f -> f.put("cpuUnits", 250)).spec().cpuUnits(), "100 % and more is all");
        assertEquals(100, hw(f -> f.put("cpuUnits", 0)).spec().cpuUnits());
    }

    @Test
    void cpuNestedAndArchAreChecked() {
        refused(ErrorCode.CPU_TYPE_NOT_EXIST, "cpu", () -> hw(f -> f.put("cpu", "kvm65")));
        refused(ErrorCode.CPU_TYPE_NOT_SUPPORT_NESTED, "nested", () -> hw(f -> f.put("nested", true)));
        assertTrue(hw(f -> {
            f.put("nested", true);
            f.put("cpu", "host");
        }).spec().nested());
        refused(ErrorCode.ARCHITECTURE_NOT_EXIST, "arch", () -> hw(f -> f.put("arch", "mips")));
        assertEquals("aarch64", hw(f -> {
            f.put("arch", "arrch64");
            f.put("cpu", "max");
        }).spec().arch());
        assertEquals("aarch64", hw(f -> {
            f.put("arch", "aarch64");
            f.put("cpu", "max");
        }).spec().arch());
    }

    @Test
    void storageAutoIsTheNodesElseLocalLvm() {
        assertEquals("fast", VmHardware.resolve(request(f -> f.put("storage", "AUTO")), null, 0, "fast").storage());
        assertEquals("local-lvm", VmHardware.resolve(request(f -> f.put("storage", "")), null, 0, "auto").storage());
        assertEquals("data1", VmHardware.resolve(request(f -> f.put("storage", "data1")), null, 0, "fast").storage());
        refused(ErrorCode.VALID_DATA_ERROR, "storage", () -> hw(f -> f.put("storage", "local,size=1")));
    }

    @Test
    void aFlavourOverridesTheRequest() {
        FlavourSpec flavour = FlavourSpec.define(new FlavourSpec.Draft("small", 2, 2, 1, null, null, null, null, null,
                "host", 20, 5, null, null, 2048, "ceph", 30, Map.of("1", 10), 100, true));
        VmHardware h = VmHardware.resolve(request(f -> {
            f.put("memory", 99999);
            f.put("cpu", "kvm65");
            f.put("sockets", 8);
        }), flavour, 0, "fast");
        assertEquals(2048, h.spec().memoryMb());
        assertEquals("host", h.spec().cpu());
        assertEquals(2, h.spec().sockets());
        assertEquals("ceph", h.storage());
        assertEquals(5 * 1024, h.bwlimitKbps());
        assertEquals("{\"1\":10}", h.spec().dataDisks().json());
        assertEquals(30, h.spec().systemDiskGb());
    }

    @Test
    void argsComeOnlyFromAModelAndCarryTopologyAndFlags() {
        VmHardware h = hw(f -> {
            f.put("sockets", 2);
            f.put("cores", 2);
            f.put("threads", 2);
            f.put("cpu", "host");
            f.put("devirtualization", true);
        });
        assertTrue(CpuArgs.render(h, false, null, null).isEmpty());
        CpuModel model = new CpuModel(1L, NOW, new CpuModel.Spec("Xeon", 6, 85, 7, null, null, null, true, List.of()));
        String args = CpuArgs.render(h, true, model, null).orElseThrow();
        assertTrue(args.startsWith("-smp 8,sockets=2,cores=2,threads=2,maxcpus=8 -cpu host,model-id='Xeon',"), args);
        assertTrue(args.contains(",-vmx,"), "nested off hides VMX: " + args);
        assertTrue(args.endsWith(CpuArgs.WINDOWS_HIDDEN), "devirtualization without nested (legacy BUG): " + args);
        assertFalse(args.contains("null"));

        String group = CpuArgs.render(h, false, null, "model-id='X' -smbios type=1,manufacturer='Acme'").orElseThrow();
        assertTrue(group.contains(" -cpu host,model-id='X',-vmx," + CpuArgs.OTHER_HIDDEN + " -smbios type=1,manufacturer='Acme'"), group);
        String smbiosOnly = CpuArgs.render(hw(f -> f.put("nested", null)), false, null, "-smbios type=1,serial='1'").orElseThrow();
        assertEquals("-smp 1,sockets=1,cores=1,threads=1,maxcpus=1 -cpu kvm64,-vmx -smbios type=1,serial='1'", smbiosOnly);
        String nested = CpuArgs.render(hw(f -> {
            f.put("nested", true);
            f.put("cpu", "max");
        }), false, model, null).orElseThrow();
        assertEquals("-smp 1,sockets=1,cores=1,threads=1,maxcpus=1 -cpu max," + model.cpuProperties(), nested);
    }

    @Test
    void argsAndArchNeedRootAtPam() {
        PveRootOptions.require(false, "root@pam", "modelGroup", "aarch64");
        PveRootOptions.require(true, "root@pam", null, "x86_64");
        refused(ErrorCode.INVALID_PARAM, "modelGroup", () -> PveRootOptions.require(true, "root@pam", "modelGroup", "x86_64"));
        refused(ErrorCode.INVALID_PARAM, "cpuModel", () -> PveRootOptions.require(false, "ams@pve", "cpuModel", "x86_64"));
        refused(ErrorCode.INVALID_PARAM, "arch", () -> PveRootOptions.require(true, "root@pam", null, "aarch64"));
    }

    @Test
    void imageReferenceOrder() {
        ImageRef byId = ImageRef.of(" 42 ");
        assertEquals(42, byId.id().orElseThrow());
        ImageRef byName = ImageRef.of("debian-12");
        assertTrue(byName.id().isEmpty());
        assertEquals(List.of(new ImageRef.Lookup(ImageRef.By.FILE_NAME, "debian-12"), new ImageRef.Lookup(ImageRef.By.NAME, "debian-12"),
                new ImageRef.Lookup(ImageRef.By.FILE_NAME, "debian-12.qcow2")), byName.lookups());
        assertEquals(ErrorCode.CLOUD_IMAGE_NOT_EXIST, byName.notFound().code());
        assertEquals(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, byName.notOnNode().code());
    }

    @Test
    void guestDefaults() {
        Random random = new Random(1);
        GuestSetup linux = GuestSetup.resolve(null, null, null, null, DEBIAN, DISKS, random);
        assertEquals("linux", linux.osType());
        assertEquals("root", linux.username());
        assertEquals(40, linux.systemDiskGb());
        String pw = linux.password().reveal();
        assertTrue(pw.length() >= 12 && pw.matches(".*[a-z].*") && pw.matches(".*[A-Z].*") && pw.matches(".*[0-9].*"), pw);
        GuestSetup win = GuestSetup.resolve(null, null, "Given-1", null, WINDOWS, DISKS, random);
        assertEquals("windows", win.osType());
        assertEquals("administrator", win.username());
        assertEquals(60, win.systemDiskGb());
        assertEquals("Given-1", win.password().reveal());
        assertEquals("linux", GuestSetup.resolve("ubuntu", "u", null, 10, DEBIAN, DISKS, random).osType());
        assertEquals("other", GuestSetup.resolve("beos", "u", null, 10, DEBIAN, DISKS, random).osType());
        assertEquals("solaris", GuestSetup.resolve("solaris", "u", null, 10, DEBIAN, DISKS, random).osType());
    }

    @Test
    void guestRefusals() {
        Random random = new Random(2);
        refused(ErrorCode.VALID_DATA_ERROR, "systemDiskSize", () -> GuestSetup.resolve(null, null, null, 1, DEBIAN, DISKS, random));
        refused(ErrorCode.VALID_DATA_ERROR, "username", () -> GuestSetup.resolve(null, "root,x=1", null, null, DEBIAN, DISKS, random));
        refused(ErrorCode.VALID_DATA_ERROR, "password", () -> GuestSetup.resolve(null, null, "a\nb", null, DEBIAN, DISKS, random));
    }

    @Test
    void expiryIsSecondsOrMillisInTheFuture() {
        assertEquals(NOW.plus(Expiry.DEFAULT), Expiry.of(null, NOW));
        assertEquals(Instant.ofEpochSecond(1_900_000_000L), Expiry.of(1_900_000_000L, NOW));
        assertEquals(Instant.ofEpochMilli(1_900_000_000_123L), Expiry.of(1_900_000_000_123L, NOW));
        refused(ErrorCode.VALID_DATA_ERROR, "expirationTime", () -> Expiry.of(19_000_000L, NOW));
        refused(ErrorCode.VALID_DATA_ERROR, "expirationTime", () -> Expiry.of(1_000_000_000L, NOW));
    }

    @Test
    void flowLimitIsGigabytesAndNullIsUnlimited() {
        assertEquals(0, NewVm.flowLimitBytes(null));
        assertEquals(5L * 1024 * 1024 * 1024, NewVm.flowLimitBytes(5L));
        refused(ErrorCode.VALID_DATA_ERROR, "flowLimit", () -> NewVm.flowLimitBytes(-1L));
    }

    @Test
    void network() {
        assertEquals("vmbr0", VmNetwork.bridge(null, false, true, "vmbr9"));
        assertEquals("vmbr9", VmNetwork.bridge(null, true, true, "vmbr9"));
        assertEquals("vmbr0", VmNetwork.bridge(" ", true, false, "vmbr9"));
        assertEquals("br1", VmNetwork.bridge("br1", true, true, "vmbr9"));
        refused(ErrorCode.VALID_DATA_ERROR, "bridge", () -> VmNetwork.bridge("vmbr0,rate=1000", false, false, null));
        Map<String, String> asked = new java.util.LinkedHashMap<>();
        asked.put("2", "ip6=2001:db8::5/64,gw6=2001:db8::1");
        asked.put("1", "ip=10.0.0.5/24,gw=10.0.0.1");
        asked.put("3", "");
        assertEquals(List.of("10.0.0.5", "2001:db8::5"), VmNetwork.requestedAddresses(asked));
        refused(ErrorCode.VALID_DATA_ERROR, "ipConfig", () -> VmNetwork.requestedAddresses(Map.of("1", "ip=dhcp")));

        AllocatedAddress a = new AllocatedAddress(1, 1, IpAddress.parse("10.0.0.5", "ip"), 24, IpAddress.parse("10.0.0.1", "gw"));
        AllocatedAddress b = new AllocatedAddress(2, 1, IpAddress.parse("10.0.0.6", "ip"), 24, IpAddress.parse("10.0.0.1", "gw"));
        AllocatedAddress c = new AllocatedAddress(3, 2, IpAddress.parse("2001:db8::5", "ip"), 64, IpAddress.parse("2001:db8::1", "gw"));
        assertEquals(Map.of("1", "ip=10.0.0.5/24,gw=10.0.0.1,ip6=2001:db8::5/64,gw6=2001:db8::1", "2", "ip=10.0.0.6/24,gw=10.0.0.1"),
                VmNetwork.ipConfig(List.of(a, b, c)));
        assertEquals("10-0-0-5", VmNetwork.hostnameFrom(List.of(a, c)));
        assertEquals("2001-db8--5", VmNetwork.hostnameFrom(List.of(c)));
        assertEquals(IpAddress.parse("1.1.1.1", "x"), VmNetwork.dns1(null, IpAddress.parse("1.1.1.1", "x")));
        refused(ErrorCode.VALID_DATA_ERROR, "dns1", () -> VmNetwork.dns1("8.8.8.8,1.1.1.1", null));
    }

    @Test
    void diskLimitsAreNotNegative() {
        assertEquals(DiskLimits.NONE, DiskLimits.of(null, null, null, null, null, null, null, null));
        refused(ErrorCode.VALID_DATA_ERROR, "iopsWr", () -> DiskLimits.of(null, null, null, null, null, null, -1, null));
    }
}
