package com.pveams.domain.vm.build;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.flavour.DataDisks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmBlueprintTest {

    static VmBlueprint linux(String storage, String bridge, String location, String args) {
        return new VmBlueprint(7, 3, 4100, "web-1", 2, 2, 2048, "x86-64-v2-AES", args, true, true, true, "x86_64",
                true, 1024, 100, storage, 40, new VmBlueprint.DiskLimits(100, 0, 50, 0, 0, 0, 2000, 0),
                DataDisks.parse(Map.of("1", 20, "3", Map.of("size", 50, "storage", "fast"))), bridge,
                new TreeMap<>(Map.of(1, "ip=192.0.2.10/24,gw=192.0.2.1", 2, "ip=192.0.2.11/24")), "1.1.1.1",
                location, "debian-12.qcow2", "linux", "root");
    }

    static VmBlueprint windows(String fileName) {
        return new VmBlueprint(8, 3, 4101, "win-1", 1, 4, 4096, "host", null, true, true, true, "x86_64", false,
                1024, 0, "local-lvm", 60, null, null, "vmbr0", new TreeMap<>(), null, "local:import/win.qcow2",
                fileName, "windows", "administrator");
    }

    @Test
    void aCompleteRowIsABlueprint() {
        VmBlueprint bp = linux("local-lvm", "vmbr0", "local:import/debian-12.qcow2", null);
        assertEquals("l26", bp.pveOsType());
        assertEquals("nocloud", bp.cloudInitType());
        assertEquals(12.5, bp.netRateMBps().orElseThrow());
        assertEquals("pveams-vm-id=7", bp.marker());
        assertTrue(bp.madeThis("pveams-vm-id=7"));
        assertFalse(bp.madeThis("pveams-vm-id=70"));
        assertFalse(bp.madeThis(null));
        assertEquals(Optional.of(VmBlueprint.Made.IMPORTED), bp.made("pveams-vm-id=7\n"));
        assertFalse(bp.needsRoot());
        assertEquals("ip=192.0.2.10/24,gw=192.0.2.1", bp.primaryNetwork().orElseThrow().render());
    }

    @Test
    void windowsImagesGetConfigdrive2AndTheirVersionsOstype() {
        assertEquals("configdrive2", windows("Win2019-x64.qcow2").cloudInitType());
        assertEquals("win10", windows("Win2019-x64.qcow2").pveOsType());
        assertEquals("win8", windows("windows-2012R2-v17.qcow2").pveOsType());
        assertTrue(windows("w.qcow2").netRateMBps().isEmpty(), "bandwidth 0 is unlimited");
    }

    @Test
    void autoStorageAndSmugglingValuesAreRefusedNamingTheColumn() {
        assertEquals("vm.storage", field(() -> linux("auto", "vmbr0", "local:import/a.qcow2", null)));
        assertEquals("vm.storage", field(() -> linux("local,cache=unsafe", "vmbr0", "local:import/a.qcow2", null)));
        assertEquals("vm.bridge", field(() -> linux("local-lvm", "vmbr0,tag=5", "local:import/a.qcow2", null)));
        assertEquals("vm.os_image_node.location", field(() -> linux("local-lvm", "vmbr0", null, null)));
        assertEquals("vm.os_image_node.location",
                field(() -> linux("local-lvm", "vmbr0", "local:import/a.qcow2,discard=on", null)));
        assertEquals("vm.os_image_node.location", field(() -> linux("local-lvm", "vmbr0", "/home/../etc/x", null)));
        assertEquals("vm.args", field(() -> linux("local-lvm", "vmbr0", "local:import/a.qcow2", "-smp 2\n-x")));
    }

    @Test
    void anAbsolutePathOrArgsNeedRoot() {
        VmBlueprint path = linux("local-lvm", "vmbr0", "/home/images/debian-12.qcow2", null);
        assertTrue(path.importNeedsRoot());
        assertTrue(path.needsRoot());
        assertTrue(linux("local-lvm", "vmbr0", "local:import/a.qcow2", "-smp 4,cores=2").needsRoot());
    }

    static VmBlueprint withArch(String arch) {
        return new VmBlueprint(9, 3, 4102, "arm-1", 1, 2, 2048, "host", null, true, true, true, arch, false,
                1024, 0, "local-lvm", 20, null, null, "vmbr0", new TreeMap<>(), null, "local:import/arm.qcow2",
                "debian-12-arm64.qcow2", "linux", "root");
    }

    @Test
    void onlyAnArchitectureOtherThanX8664IsSentAndItNeedsRoot() {
        assertEquals(Optional.empty(), withArch("x86_64").pveArch(), "x86_64 is PVE's default on its nodes");
        assertEquals(Optional.empty(), withArch(null).pveArch(), "rows without the column are x86_64");
        assertFalse(withArch("x86_64").needsRoot());
        assertEquals(Optional.of("aarch64"), withArch("aarch64").pveArch());
        assertEquals(Optional.of("aarch64"), withArch("arrch64").pveArch(), "the legacy spelling");
        assertTrue(withArch("aarch64").needsRoot(), "PVE sets arch only for root@pam");
        assertEquals("vm.arch", field(() -> withArch("mips")));
    }

    @Test
    void theSystemDiskOnlyGrows() {
        VmBlueprint bp = linux("local-lvm", "vmbr0", "local:import/a.qcow2", null);
        assertEquals(OptionalInt.of(2), VmBlueprint.diskSizeGb("local-lvm:vm-1-disk-0,discard=on,size=2G"));
        assertEquals(OptionalInt.of(2), VmBlueprint.diskSizeGb("local-lvm:vm-1-disk-0,size=2252M"));
        assertEquals(OptionalInt.of(1024), VmBlueprint.diskSizeGb("x:vm-1-disk-0,size=1T"));
        assertTrue(bp.systemDiskNeedsGrowth(OptionalInt.of(2)));
        assertFalse(bp.systemDiskNeedsGrowth(OptionalInt.of(40)));
        assertFalse(bp.systemDiskNeedsGrowth(OptionalInt.of(80)), "never shrunk");
    }

    @Test
    void limitsAreComparedWithWhatPveHas() {
        VmBlueprint.DiskLimits l = linux("local-lvm", "vmbr0", "local:import/a.qcow2", null).diskLimits();
        assertEquals(Map.of("iops_wr", 2000, "mbps_rd", 100, "mbps_wr", 50), l.pveOptions());
        assertTrue(l.appliedIn("local-lvm:vm-1-disk-0,discard=on,iops_wr=2000,mbps_rd=100,mbps_wr=50,size=40G"));
        assertFalse(l.appliedIn("local-lvm:vm-1-disk-0,discard=on,size=40G"));
        assertFalse(l.appliedIn("v,iops_wr=2000,mbps_rd=100,mbps_wr=50,iops_rd=5"));
        assertTrue(VmBlueprint.DiskLimits.NONE.appliedIn("v,discard=on,size=2G"));
    }

    @Test
    void onlyTheDataDisksPveLacksAreMissingEachOnItsStorage() {
        VmBlueprint bp = linux("local-lvm", "vmbr0", "local:import/a.qcow2", null);
        assertEquals(List.of(new VmBlueprint.DataVolume(1, "local-lvm", 20), new VmBlueprint.DataVolume(3, "fast", 50)),
                bp.missingDataDisks(Set.of("scsi0", "ide2")));
        assertEquals(List.of(new VmBlueprint.DataVolume(3, "fast", 50)), bp.missingDataDisks(Set.of("scsi0", "scsi1")));
        assertEquals(List.of(), bp.missingDataDisks(Set.of("scsi1", "scsi3")));
    }

    private static String field(Runnable r) {
        return assertThrows(DomainException.class, r::run).field().orElseThrow();
    }

    @Test
    void aCloneIsOursFromTheCloneCallOnAndSaysWhetherItsSettingsAreApplied() {
        VmBlueprint bp = linux("local-lvm", "vmbr0", "local:import/debian-12.qcow2", null);
        assertEquals("pveams-vm-id=7 cloning", bp.cloningMarker());
        assertEquals(Optional.of(VmBlueprint.Made.CLONED_UNCONFIGURED), bp.made(bp.cloningMarker()));
        assertEquals(Optional.of(VmBlueprint.Made.CLONED), bp.made(bp.clonedMarker()));
        assertTrue(bp.madeThis(bp.clonedMarker()));
        assertEquals("clone", VmBlueprint.Made.CLONED.path());
        assertEquals("import", VmBlueprint.Made.IMPORTED.path());
        // the template's own description, another VM's clone, or nothing: not ours
        assertEquals(Optional.empty(), bp.made("template of OS image 3 (ProxmoxVE-AMS)"));
        assertEquals(Optional.empty(), bp.made("pveams-vm-id=70 cloning"));
        assertEquals(Optional.empty(), bp.made("pveams-vm-id=7 cloningx"));
        assertEquals(Optional.empty(), bp.made(null));
    }
}
