package com.pveams.domain.vm.reinstall;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.image.ImageKind;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.vm.DeleteState;
import com.pveams.domain.vm.VmState;
import com.pveams.domain.vm.reinstall.DiskReplacement.Destroy;
import com.pveams.domain.vm.reinstall.DiskReplacement.Detach;
import com.pveams.domain.vm.reinstall.DiskReplacement.Done;
import com.pveams.domain.vm.reinstall.DiskReplacement.Import;
import com.pveams.domain.vm.reinstall.ReinstallableVm.Reinstall;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reinstall rules: refusals, the image reference and source, the row change and plan, the disk replacement. */
class ReinstallRulesTest {
    private static final ReinstallImage DEBIAN = new ReinstallImage(5, "Debian 13", "debian-13.qcow2", ImageKind.LINUX,
            "local:import/debian-13.qcow2");
    private static final ReinstallImage WINDOWS = new ReinstallImage(6, "Windows 2022", "win2022.qcow2",
            ImageKind.WINDOWS, "local:import/win2022.qcow2");
    private static final Map<String, String> CONFIG = Map.of(
            "scsi0", "local-lvm:vm-4242-disk-0,discard=on,size=10G",
            "scsi1", "local-lvm:vm-4242-disk-1,size=20G",
            "ide2", "local-lvm:vm-4242-cloudinit,media=cdrom",
            "ide0", "none,media=cdrom",
            "unused0", "local-lvm:vm-4242-disk-9",
            "net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0");

    private static ReinstallableVm vm(VmState state, DeleteState deleteState) {
        return new ReinstallableVm(7, 3L, 4242, state, deleteState, "linux", "admin1", "local-lvm");
    }

    private static void refused(ErrorCode code, String field, Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(code, e.code());
        assertEquals(field, e.field().orElse(null));
    }

    @Test
    void refusalsFollowTheLegacyCodes() {
        refused(ErrorCode.VM_NOT_EXIST, null, () -> vm(VmState.STOPPED, DeleteState.DELETED).requireReinstallable());
        refused(ErrorCode.VM_NOT_EXIST, null, () -> vm(VmState.STOPPED, DeleteState.RECYCLE_BIN).requireReinstallable());
        refused(ErrorCode.VM_IS_DISABLED, null, () -> vm(VmState.PAUSED, DeleteState.LIVE).requireReinstallable());
        refused(ErrorCode.VM_IS_EXPIRED, null, () -> vm(VmState.EXPIRED, DeleteState.LIVE).requireReinstallable());
        refused(ErrorCode.VM_IS_INSTALLOS, null, () -> vm(VmState.CREATING, DeleteState.LIVE).requireReinstallable());
        refused(ErrorCode.VM_IS_INSTALLOS, null,
                () -> vm(VmState.REINSTALLING, DeleteState.LIVE).reinstall(DEBIAN, "x:y", DiskLayout.of(CONFIG), false, "a"));
        for (VmState s : List.of(VmState.RUNNING, VmState.STOPPED, VmState.SUSPENDED, VmState.OVER_QUOTA)) {
            vm(s, DeleteState.LIVE).requireReinstallable();
        }
        refused(ErrorCode.VM_HAS_SNAPSHOT, null, () -> ReinstallableVm.requireNoSnapshots(List.of("before", "current")));
        ReinstallableVm.requireNoSnapshots(List.of("current"));
        ReinstallableVm.requireNoSnapshots(List.of());
    }

    @Test
    void theImageIsLookedUpByIdFileNameNameAndNameWithQcow2() {
        assertEquals(List.of(new ImageReference.Lookup(ImageReference.By.ID, "12"),
                new ImageReference.Lookup(ImageReference.By.FILE_NAME, "12"),
                new ImageReference.Lookup(ImageReference.By.NAME, "12"),
                new ImageReference.Lookup(ImageReference.By.FILE_NAME, "12.qcow2")), ImageReference.of(" 12 ").lookups());
        assertEquals(List.of(new ImageReference.Lookup(ImageReference.By.FILE_NAME, "debian-13.qcow2"),
                new ImageReference.Lookup(ImageReference.By.NAME, "debian-13.qcow2")),
                ImageReference.of("debian-13.qcow2").lookups());
        refused(ErrorCode.IMAGE_NOT_NULL, "os", () -> ImageReference.of(" "));
        refused(ErrorCode.IMAGE_NOT_NULL, "os", () -> ImageReference.of(null));
        refused(ErrorCode.CLOUD_IMAGE_NOT_EXIST, "os", () -> ImageReference.of("a".repeat(256)));
    }

    @Test
    void theImportSourceMustBeOnTheNodeAndAPathNeedsRootsPassword() {
        assertEquals("local:import/debian-13.qcow2", DEBIAN.importSource(false));
        refused(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, "os",
                () -> new ReinstallImage(5, "D", "d.qcow2", ImageKind.LINUX, null).importSource(true));
        ReinstallImage path = new ReinstallImage(5, "D", "d.qcow2", ImageKind.LINUX, "/home/images/d.qcow2");
        assertEquals("/home/images/d.qcow2", path.importSource(true));
        DomainException token = assertThrows(DomainException.class, () -> path.importSource(false));
        assertEquals(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, token.code());
        assertTrue(token.render(false).contains("root@pam"), token.render(false));
        // nothing PVE would read as another property reaches import-from
        for (String bad : List.of("local:import/d.qcow2,size=1", "/home/../etc/shadow", "local:a b", "nocolon")) {
            refused(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, "os",
                    () -> new ReinstallImage(5, "D", "d.qcow2", ImageKind.LINUX, bad).importSource(true));
        }
    }

    @Test
    void theRowKeepsTheLoginWithinAFamilyAndResetsItAcrossFamilies() {
        Reinstall same = vm(VmState.RUNNING, DeleteState.LIVE).reinstall(DEBIAN, DEBIAN.importSource(false),
                DiskLayout.of(CONFIG), false, "admin:1");
        assertEquals("admin1", same.guestUsername());
        assertEquals(5L, same.imageId());
        assertEquals("debian-13.qcow2", same.osFileName());
        assertEquals("Debian 13", same.osName());
        assertEquals("linux", same.osType());
        Reinstall windows = vm(VmState.STOPPED, DeleteState.LIVE).reinstall(WINDOWS, WINDOWS.importSource(false),
                DiskLayout.of(CONFIG), false, "admin:1");
        assertEquals("administrator", windows.guestUsername());
        assertEquals("windows", windows.osType());
        assertEquals("win11", windows.operation().params().get("ostype"));
        assertEquals("configdrive2", windows.operation().params().get("citype"));
        ReinstallableVm wasWindows = new ReinstallableVm(7, 3L, 4242, VmState.STOPPED, DeleteState.LIVE, "windows",
                "administrator", "local-lvm");
        assertEquals("root", wasWindows.reinstall(DEBIAN, "local:import/d", DiskLayout.of(CONFIG), false, "a")
                .guestUsername());
    }

    @Test
    void thePlanReusesTheBuildStepsAndCarriesTheOldVolumesButNoSecret() {
        NewOperation op = vm(VmState.RUNNING, DeleteState.LIVE).reinstall(DEBIAN, DEBIAN.importSource(false),
                DiskLayout.of(CONFIG), true, "admin:1").operation();
        assertEquals("REINSTALL_VM", op.type());
        assertEquals(List.of("VM_REINSTALL_BEGIN", "VM_REINSTALL_STOP", "VM_REINSTALL_DISKS", "VM_REINSTALL_CLOUDINIT",
                "VM_BUILD_DISKS", "VM_BUILD_NETWORK", "VM_BUILD_START", "VM_BUILD_COMMIT"),
                op.steps().stream().map(NewOperation.StepPlan::kind).toList());
        assertEquals(7L, op.vmId());
        assertEquals(3L, op.nodeId());
        assertEquals(4242, op.params().get("vmid"));
        assertEquals("local-lvm:vm-4242-disk-0", op.params().get("systemVolume"));
        assertEquals(Map.of("scsi1", "local-lvm:vm-4242-disk-1"), op.params().get("dataVolumes"));
        assertEquals("l26", op.params().get("ostype"));
        assertEquals("nocloud", op.params().get("citype"));
        assertFalse(op.params().toString().toLowerCase().contains("password"));
        NewOperation keep = vm(VmState.RUNNING, DeleteState.LIVE).reinstall(DEBIAN, DEBIAN.importSource(false),
                DiskLayout.of(CONFIG), false, "admin:1").operation();
        assertEquals(Map.of(), keep.params().get("dataVolumes"));
        DiskReplacement r = ReinstallableVm.diskReplacement(op.params());
        assertEquals(new DiskReplacement("local-lvm:vm-4242-disk-0", Map.of("scsi1", "local-lvm:vm-4242-disk-1"),
                "local:import/debian-13.qcow2"), r);
    }

    @Test
    void theLayoutSeesDisksButNotCdromsOrCloudInit() {
        DiskLayout l = DiskLayout.of(CONFIG);
        assertEquals("local-lvm:vm-4242-disk-0", l.systemVolume().orElseThrow());
        assertEquals(Map.of("scsi1", "local-lvm:vm-4242-disk-1"), l.dataVolumes());
        assertEquals("unused0", l.unusedKeyOf("local-lvm:vm-4242-disk-9").orElseThrow());
        assertTrue(l.unusedKeyOf("local-lvm:vm-4242-disk-0").isEmpty());
    }

    @Test
    void disksAreDetachedThenImportedThenTheOldVolumesDestroyedByTheirIds() {
        DiskReplacement r = new DiskReplacement("local-lvm:vm-1-disk-0", Map.of("scsi1", "local-lvm:vm-1-disk-1"),
                "local:import/d.qcow2");
        Map<String, String> cfg = new java.util.TreeMap<>(Map.of("scsi0", "local-lvm:vm-1-disk-0,size=10G",
                "scsi1", "local-lvm:vm-1-disk-1,size=5G", "unused0", "local-lvm:vm-1-disk-7"));
        assertEquals(new Detach(List.of("scsi0", "scsi1")), r.next(DiskLayout.of(cfg)));
        // PVE appends the detached volumes after the unused disk that was already there
        cfg.remove("scsi0");
        cfg.remove("scsi1");
        cfg.put("unused1", "local-lvm:vm-1-disk-0");
        cfg.put("unused2", "local-lvm:vm-1-disk-1");
        assertEquals(new Import("local:import/d.qcow2"), r.next(DiskLayout.of(cfg)));
        cfg.put("scsi0", "local-lvm:vm-1-disk-2,size=2G");
        assertEquals(new Destroy(List.of("unused1", "unused2")), r.next(DiskLayout.of(cfg)));
        cfg.remove("unused1");
        cfg.remove("unused2");
        assertEquals(new Done(), r.next(DiskLayout.of(cfg)), "a re-run finds the new disk and does nothing more");
        assertTrue(cfg.containsKey("unused0"), "an unused disk of someone else's is never touched");
        // without an old system disk (a broken VM) only the import is left
        assertEquals(new Import("local:import/d.qcow2"),
                new DiskReplacement(null, Map.of(), "local:import/d.qcow2").next(DiskLayout.of(Map.of())));
    }
}
