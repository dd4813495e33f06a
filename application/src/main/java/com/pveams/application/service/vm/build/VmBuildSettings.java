package com.pveams.application.service.vm.build;

import com.pveams.application.port.out.hypervisor.CpuSpec;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.IpConfig;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.domain.vm.IpConfigLine;
import com.pveams.domain.vm.build.VmBlueprint;

import java.util.List;
import java.util.Map;

/**
 * The PVE settings of a VM made by importing its image: a pure function of the blueprint (and the guest password,
 * decrypted only to be sent), for an import or as the change applied to a clone of the image's template.
 */
public final class VmBuildSettings {
    /** One iothread per disk controller, the PVE default for new VMs. */
    static final String SCSI_HARDWARE = "virtio-scsi-single";

    private VmBuildSettings() {
    }

    public static VmSettings forImport(VmBlueprint bp, String guestPassword) {
        DiskSpec system = DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, bp.storage(), bp.imageLocation())
                .withLimits(limits(bp.diskLimits()));
        return common(bp, guestPassword, bp.marker()).disk(system)
                .disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, 2, bp.storage())).build();
    }

    /**
     * The VM's settings applied to a clone of its image's template, in one config change: the same as an import's
     * except the system disk (the clone's, sized and throttled by the disks step as an imported one is) and the
     * cloud-init drive, added only when the clone has none. The description becomes {@code clonedMarker}, so a
     * re-run knows the change is made; made twice, it changes nothing.
     */
    public static VmSettings forClone(VmBlueprint bp, String guestPassword, boolean hasCloudInitDrive) {
        VmSettings.Builder b = common(bp, guestPassword, bp.clonedMarker());
        if (!hasCloudInitDrive) {
            b.disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, 2, bp.storage()));
        }
        return b.build();
    }

    private static VmSettings.Builder common(VmBlueprint bp, String guestPassword, String description) {
        VmSettings.Builder b = VmSettings.builder()
                .name(bp.hostname())
                .description(description)
                .cpu(CpuSpec.of(bp.cpu()))
                .sockets(bp.sockets())
                .cores(bp.cores())
                .memoryMiB(bp.memoryMb())
                .args(bp.args())
                .kvm(bp.kvm())
                .acpi(bp.acpi())
                .agent(bp.agent())
                .osType(bp.pveOsType())
                .onBoot(bp.onBoot())
                .cpuUnits(bp.cpuUnits())
                .scsiHardware(SCSI_HARDWARE)
                .net(NetDevice.virtio(0, bp.bridge()).withRate(bp.netRateMBps().orElse(null)))
                .ciUser(bp.guestUsername())
                .ciPassword(guestPassword)
                .ciType(bp.cloudInitType())
                .bootOrder(List.of("scsi0"));
        bp.primaryNetwork().ifPresent(line -> b.ipConfig(ipConfig(0, line)));
        if (bp.dns1() != null) {
            b.nameserver(bp.dns1());
        }
        bp.pveArch().ifPresent(b::arch);
        return b;
    }

    static IpConfig ipConfig(int index, IpConfigLine line) {
        String v4 = line.v4().map(a -> a.address() + "/" + a.prefixLength()).orElse(null);
        String gw4 = line.v4().map(IpConfigLine.Assignment::gateway).map(Object::toString).orElse(null);
        String v6 = line.v6().map(a -> a.address() + "/" + a.prefixLength()).orElse(null);
        String gw6 = line.v6().map(IpConfigLine.Assignment::gateway).map(Object::toString).orElse(null);
        return new IpConfig(index, v4, gw4, v6, gw6);
    }

    /** The system disk's throttles as the port's limits; 0 (not set) is not sent. */
    public static DiskSpec.Limits limits(VmBlueprint.DiskLimits l) {
        Map<String, Integer> o = l.pveOptions();
        return new DiskSpec.Limits(o.get("iops_rd"), o.get("iops_rd_max"), o.get("iops_wr"), o.get("iops_wr_max"),
                mb(o.get("mbps_rd")), mb(o.get("mbps_rd_max")), mb(o.get("mbps_wr")), mb(o.get("mbps_wr_max")));
    }

    private static Double mb(Integer v) {
        return v == null ? null : v.doubleValue();
    }
}
