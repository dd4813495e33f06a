package com.pveams.application.service.vm.build;

import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.IpConfig;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.domain.flavour.DataDisks;
import com.pveams.domain.vm.build.VmBlueprint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmBuildSettingsTest {

    private static VmBlueprint blueprint(String osType, String user, int bandwidth, String dns, Map<Integer, String> ips,
                                         VmBlueprint.DiskLimits limits) {
        return new VmBlueprint(7, 3, 4100, "web-1", 2, 4, 2048, "x86-64-v2-AES", "-smp 8,cores=4,threads=1", true,
                false, true, "x86_64", true, 2048, bandwidth, "local-lvm", 40, limits,
                DataDisks.parse(Map.of("1", 20)), "vmbr1", new TreeMap<>(ips), dns, "local:import/debian-12.qcow2",
                "windows".equals(osType) ? "Win2022-x64.qcow2" : "debian-12.qcow2", osType, user);
    }

    @Test
    void aLinuxVmImportsItsImageWithEveryValueOfTheRow() {
        VmSettings s = VmBuildSettings.forImport(blueprint("linux", "root", 100, "1.1.1.1",
                Map.of(1, "ip=192.0.2.10/24,gw=192.0.2.1,ip6=2001:db8::a/64,gw6=2001:db8::1", 2, "ip=192.0.2.11/24"),
                new VmBlueprint.DiskLimits(100, 200, 0, 0, 0, 0, 3000, 0)), "S3cret!pw");
        assertEquals("web-1", s.name());
        assertEquals("pveams-vm-id=7", s.description());
        assertEquals("x86-64-v2-AES", s.cpu().type());
        assertEquals(2, s.sockets());
        assertEquals(4, s.cores());
        assertEquals(2048, s.memoryMiB());
        assertEquals("-smp 8,cores=4,threads=1", s.args());
        assertTrue(s.kvm());
        assertFalse(s.acpi());
        assertTrue(s.agent());
        assertEquals("l26", s.osType());
        assertTrue(s.onBoot());
        assertEquals(2048, s.cpuUnits());
        assertEquals("virtio-scsi-single", s.scsiHardware());
        assertEquals(List.of("scsi0"), s.bootOrder());
        DiskSpec system = s.disks().get(0);
        assertEquals("scsi0", system.key());
        assertEquals("local-lvm", system.storage());
        assertEquals("local:import/debian-12.qcow2", system.importFrom());
        assertEquals(new DiskSpec.Limits(null, null, 3000, null, 100.0, 200.0, null, null), system.limits());
        DiskSpec cloudInit = s.disks().get(1);
        assertEquals("ide2", cloudInit.key());
        assertTrue(cloudInit.cloudInit());
        assertEquals("local-lvm", cloudInit.storage());
        assertEquals(2, s.disks().size(), "data disks are added by the disks step");
        NetDevice net = s.nets().get(0);
        assertEquals(List.of(new NetDevice(0, "virtio", null, "vmbr1", true, 12.5, null, null, null)), s.nets());
        assertEquals("vmbr1", net.bridge());
        assertEquals(List.of(new IpConfig(0, "192.0.2.10/24", "192.0.2.1", "2001:db8::a/64", "2001:db8::1")),
                s.ipConfigs(), "slot 1 is net0's; further slots are not configured by the build");
        assertEquals(List.of("1.1.1.1"), s.nameservers());
        assertEquals("root", s.ciUser());
        assertEquals("S3cret!pw", s.ciPassword());
        assertEquals("nocloud", s.ciType());
        assertFalse(s.toString().contains("S3cret"));
    }

    @Test
    void aWindowsVmGetsConfigdrive2AndItsAdministrator() {
        VmSettings s = VmBuildSettings.forImport(blueprint("windows", "administrator", 0, null,
                Map.of(1, "ip=192.0.2.20/24,gw=192.0.2.1"), null), "Win-Pass1");
        assertEquals("configdrive2", s.ciType());
        assertEquals("administrator", s.ciUser());
        assertEquals("win11", s.osType());
        assertNull(s.nets().get(0).rateMBps(), "bandwidth 0 = no rate");
        assertEquals(DiskSpec.Limits.NONE, s.disks().get(0).limits());
        assertEquals(List.of(), s.nameservers());
        assertEquals(List.of(IpConfig.v4(0, "192.0.2.20/24", "192.0.2.1")), s.ipConfigs());
    }

    @Test
    void anAarch64VmSendsItsArchitectureOnImportAndOnClone() {
        VmBlueprint arm = new VmBlueprint(9, 3, 4102, "arm-1", 1, 2, 2048, "host", null, true, true, true, "aarch64",
                false, 1024, 0, "local-lvm", 20, null, null, "vmbr0", new TreeMap<>(), null, "local:import/arm.qcow2",
                "debian-12-arm64.qcow2", "linux", "root");
        assertEquals("aarch64", VmBuildSettings.forImport(arm, "x").arch());
        assertEquals("aarch64", VmBuildSettings.forClone(arm, "x", true).arch());
        assertNull(VmBuildSettings.forImport(blueprint("linux", "root", 0, null, Map.of(), null), "x").arch(),
                "x86_64 is left to PVE's default, so API-token nodes can build it");
    }

    @Test
    void aVmWithoutStaticAddressGetsNoIpconfig() {
        VmSettings s = VmBuildSettings.forImport(blueprint("linux", "root", 8, null, Map.of(1, "ip=dhcp"), null), "x");
        assertEquals(List.of(), s.ipConfigs());
        assertEquals(1.0, s.nets().get(0).rateMBps());
    }

    @Test
    void aCloneGetsTheSameSettingsWithoutTheSystemDiskAndSaysTheyAreApplied() {
        VmBlueprint bp = blueprint("linux", "root", 100, "1.1.1.1", Map.of(1, "ip=192.0.2.10/24,gw=192.0.2.1"),
                VmBlueprint.DiskLimits.NONE);
        VmSettings imported = VmBuildSettings.forImport(bp, "S3cret!pw");
        VmSettings clone = VmBuildSettings.forClone(bp, "S3cret!pw", false);
        assertEquals("pveams-vm-id=7 cloned", clone.description());
        assertEquals(List.of("ide2"), clone.disks().stream().map(DiskSpec::key).toList(), "no system disk");
        assertTrue(clone.disks().get(0).cloudInit());
        assertEquals(List.of(), VmBuildSettings.forClone(bp, "S3cret!pw", true).disks(),
                "a clone that has a cloud-init drive keeps it");
        assertEquals(imported.nets(), clone.nets());
        assertEquals(imported.ipConfigs(), clone.ipConfigs());
        assertEquals(imported.nameservers(), clone.nameservers());
        assertEquals(imported.cpu(), clone.cpu());
        assertEquals(imported.memoryMiB(), clone.memoryMiB());
        assertEquals(imported.args(), clone.args());
        assertEquals(imported.ciUser(), clone.ciUser());
        assertEquals(imported.ciPassword(), clone.ciPassword());
        assertEquals(imported.ciType(), clone.ciType());
        assertEquals(imported.bootOrder(), clone.bootOrder());
        assertEquals(imported.name(), clone.name());
    }
}
