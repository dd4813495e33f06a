package com.pveams.domain.vm.build;

import com.pveams.domain.catalog.OsCatalog;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.flavour.DataDisks;
import com.pveams.domain.image.ImageKind;
import com.pveams.domain.image.PveOsType;
import com.pveams.domain.vm.IpConfigLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the build steps need to make one VM on PVE, read from its {@code vm} row, which is the whole and final
 * specification (the request side resolved defaults, {@code auto} storage and the CPU model into it). Refuses a row
 * a step could not build from, naming the column, so a broken row fails the operation instead of reaching PVE.
 */
public record VmBlueprint(long vmId, long nodeId, int vmid, String hostname, int sockets, int cores, int memoryMb,
                          String cpu, String args, boolean kvm, boolean acpi, boolean agent, String arch,
                          boolean onBoot, int cpuUnits, int bandwidthMbps, String storage, int systemDiskGb,
                          DiskLimits diskLimits, DataDisks dataDisks, String bridge,
                          SortedMap<Integer, String> ipConfig, String dns1, String imageLocation, String osFileName,
                          String osType, String guestUsername) {

    /** PVE storage and bridge ids: what PVE's schema accepts, so nothing can be smuggled into a property string. */
    private static final Pattern PVE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{1,63}");
    /** {@code storage:path} volume id (no separators PVE would read) or an absolute path without them. */
    private static final Pattern VOLUME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*:[A-Za-z0-9._/+-]+");
    private static final Pattern ABSOLUTE = Pattern.compile("/[A-Za-z0-9._/+-]+");
    private static final Pattern CPU = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SIZE = Pattern.compile("(?:^|,)size=(\\d+(?:\\.\\d+)?)([KMGT]?)(?:,|$)");

    /** The system disk's throttles, 0 = not set (the {@code disk_*} columns). */
    public record DiskLimits(int mbpsRd, int mbpsRdMax, int mbpsWr, int mbpsWrMax, int iopsRd, int iopsRdMax,
                             int iopsWr, int iopsWrMax) {
        public static final DiskLimits NONE = new DiskLimits(0, 0, 0, 0, 0, 0, 0, 0);

        public DiskLimits {
            for (int v : new int[]{mbpsRd, mbpsRdMax, mbpsWr, mbpsWrMax, iopsRd, iopsRdMax, iopsWr, iopsWrMax}) {
                if (v < 0) {
                    throw DomainException.invalid("disk_limits", "不能为负", "must not be negative");
                }
            }
        }

        /** PVE's option names → values, only those set, in PVE's order. */
        public Map<String, Integer> pveOptions() {
            Map<String, Integer> m = new java.util.LinkedHashMap<>();
            put(m, "iops_rd", iopsRd);
            put(m, "iops_rd_max", iopsRdMax);
            put(m, "iops_wr", iopsWr);
            put(m, "iops_wr_max", iopsWrMax);
            put(m, "mbps_rd", mbpsRd);
            put(m, "mbps_rd_max", mbpsRdMax);
            put(m, "mbps_wr", mbpsWr);
            put(m, "mbps_wr_max", mbpsWrMax);
            return m;
        }

        private static void put(Map<String, Integer> m, String k, int v) {
            if (v > 0) {
                m.put(k, v);
            }
        }

        /** Whether a disk's PVE property string carries exactly these throttles. */
        public boolean appliedIn(String diskValue) {
            Map<String, Integer> want = pveOptions();
            for (String k : List.of("iops_rd", "iops_rd_max", "iops_wr", "iops_wr_max", "mbps_rd", "mbps_rd_max",
                    "mbps_wr", "mbps_wr_max")) {
                Matcher m = Pattern.compile("(?:^|,)" + k + "=([0-9.]+)(?:,|$)").matcher(diskValue);
                Integer have = m.find() ? (int) Double.parseDouble(m.group(1)) : null;
                if (!Objects.equals(have, want.get(k))) {
                    return false;
                }
            }
            return true;
        }
    }

    public VmBlueprint {
        if (vmid < 100 || vmid > 999_999_999) {
            throw bad("vmid", "必须在 100 到 999999999 之间", "must be between 100 and 999999999");
        }
        requireId("storage", storage);
        requireId("bridge", bridge);
        if (cpu == null || !CPU.matcher(cpu).matches()) {
            throw bad("cpu", "不是 PVE CPU 类型", "is not a PVE CPU type");
        }
        if (sockets < 1 || cores < 1 || memoryMb < 16 || systemDiskGb < 1 || cpuUnits < 1 || bandwidthMbps < 0) {
            throw bad("topology", "CPU、内存、磁盘或带宽超出范围", "CPU, memory, disk or bandwidth out of range");
        }
        if (args != null && (args.isBlank() || args.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0))) {
            throw bad("args", "不能为空或包含换行", "must not be blank or contain line breaks");
        }
        // null (rows older than the column) is the default; the legacy spelling arrch64 means aarch64
        arch = arch == null ? "x86_64" : OsCatalog.architecture(arch).orElseThrow(() -> bad("arch",
                "必须是 " + OsCatalog.ARCHITECTURES + " 之一", "must be one of " + OsCatalog.ARCHITECTURES));
        if (imageLocation == null || imageLocation.isBlank()) {
            throw bad("os_image_node.location", "镜像尚未下载到该节点", "the image is not on the VM's node");
        }
        if (!VOLUME.matcher(imageLocation).matches() && !ABSOLUTE.matcher(imageLocation).matches()
                || imageLocation.contains("..")) {
            throw bad("os_image_node.location", "不是 PVE 卷 ID 或绝对路径", "is neither a PVE volume id nor an absolute path");
        }
        if (!List.of("linux", "windows", "solaris", "other").contains(osType)) {
            throw bad("os_type", "必须是 linux、windows、solaris 或 other", "must be linux, windows, solaris or other");
        }
        if (guestUsername == null || !guestUsername.matches("[A-Za-z0-9._-]{1,64}")) {
            throw bad("guest_username", "不是有效的用户名", "is not a valid user name");
        }
        diskLimits = diskLimits == null ? DiskLimits.NONE : diskLimits;
        dataDisks = dataDisks == null ? DataDisks.NONE : dataDisks;
        dataDisks.disks().values().forEach(d -> {
            if (d.storage() != null) {
                requireId("data_disk", d.storage());
            }
        });
        ipConfig = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ipConfig == null ? Map.of() : ipConfig));
        if (dns1 != null && !dns1.matches("[0-9A-Fa-f.:]{2,45}")) {
            throw bad("dns1", "不是 IP 地址", "is not an IP address");
        }
    }

    private static void requireId(String column, String v) {
        if (v == null || !PVE_ID.matcher(v).matches() || "auto".equals(v)) {
            throw bad(column, "不是 PVE ID（auto 必须在创建时解析）", "is not a PVE id (auto must be resolved at create)");
        }
    }

    private static DomainException bad(String column, String zh, String en) {
        return DomainException.invalid("vm." + column, zh, en);
    }

    public boolean windows() {
        return "windows".equals(osType);
    }

    /** PVE {@code ostype}: Linux l26, Windows by the image file name's version, Solaris, else other. */
    public String pveOsType() {
        return switch (osType) {
            case "linux" -> PveOsType.of(ImageKind.LINUX, osFileName);
            case "windows" -> PveOsType.of(ImageKind.WINDOWS, osFileName);
            case "solaris" -> "solaris";
            default -> "other";
        };
    }

    /** Cloud-init drive format: Windows images read {@code configdrive2} (cloudbase-init), Linux {@code nocloud}. */
    public String cloudInitType() {
        return windows() ? "configdrive2" : "nocloud";
    }

    /** {@code net0 rate} in MB/s (the row holds Mbit/s); empty for 0 = unlimited. */
    public Optional<Double> netRateMBps() {
        return bandwidthMbps == 0 ? Optional.empty() : Optional.of(bandwidthMbps / 8.0);
    }

    /** An absolute path is imported only by root@pam (PVE refuses it to API tokens and other users). */
    public boolean importNeedsRoot() {
        return imageLocation.startsWith("/");
    }

    /** QEMU {@code args}, and an {@code arch} to send ({@link #pveArch()}), need root@pam as well. */
    public boolean needsRoot() {
        return importNeedsRoot() || args != null || pveArch().isPresent();
    }

    /**
     * PVE's {@code arch} to send: only for an architecture other than x86_64. PVE lets only root@pam set it and
     * defaults to the node's own architecture, which is x86_64 on the nodes PVE supports, so an x86_64 VM leaves it
     * to the default and builds on a node logged in with an API token too.
     */
    public Optional<String> pveArch() {
        return "x86_64".equals(arch) ? Optional.empty() : Optional.of(arch);
    }

    /**
     * The cloud-init network of the one NIC (net0), {@code ipconfig0}: the lowest slot whose text is a static
     * address. Further slots reach the guest through {@link #guestNetwork} (Linux only).
     */
    public Optional<IpConfigLine> primaryNetwork() {
        for (String text : ipConfig.values()) {
            Optional<IpConfigLine> line = IpConfigLine.parse(text);
            if (line.isPresent()) {
                return line;
            }
        }
        return Optional.empty();
    }

    /** The marker a re-run knows this VM's guest by ({@link GuestMarker}). */
    public GuestMarker guestMarker() {
        return new GuestMarker(vmId);
    }

    /** Every slot whose text is a static address, in slot order (the first is {@link #primaryNetwork()}). */
    public List<IpConfigLine> networkLines() {
        List<IpConfigLine> lines = new ArrayList<>();
        for (String text : ipConfig.values()) {
            IpConfigLine.parse(text).ifPresent(lines::add);
        }
        return lines;
    }

    /** Whether the VM holds more addresses than {@code ipconfig0} carries (one IPv4 and one IPv6). */
    public boolean hasExtraAddresses() {
        return networkLines().size() > 1;
    }

    /**
     * The network file for the guest's cloud-init with every address, for a Linux VM with extra addresses; empty
     * otherwise (Windows images read {@code configdrive2}, which has no such file: they get the primary only).
     */
    public Optional<GuestNetworkConfig> guestNetwork(String mac) {
        if (!hasExtraAddresses() || !"linux".equals(osType)) {
            return Optional.empty();
        }
        return Optional.of(GuestNetworkConfig.of(mac, networkLines(), dns1 == null ? List.of() : List.of(dns1)));
    }

    /** The text PVE's {@code description} carries so a re-run knows the guest as its own. */
    public String marker() {
        return guestMarker().text();
    }

    /** Whether a guest's description is one of this VM's markers (made by an earlier run of the define step). */
    public boolean madeThis(String description) {
        return guestMarker().madeThis(description);
    }

    /**
     * How far the define step got with the guest whose description this is, empty when it is not ours. A clone
     * carries {@link #cloningMarker()} from PVE's clone call until the VM's own settings are applied, which set
     * {@link #clonedMarker()} in the same config change; an import carries {@link #marker()} from the start. So
     * PVE's config alone tells a re-run what is left, and which path the guest took.
     */
    public Optional<Made> made(String description) {
        return guestMarker().made(description);
    }

    /** The description given to a clone of a template: ours, the VM's settings not applied yet. */
    public String cloningMarker() {
        return guestMarker().cloning();
    }

    /** The description of a clone with the VM's settings applied. */
    public String clonedMarker() {
        return guestMarker().cloned();
    }

    /** The states of our guest the define step tells apart by its description. */
    public enum Made {
        /** Made by importing the image: complete once PVE let go of it. */
        IMPORTED,
        /** Cloned from the image's template; the VM's own settings still to apply. */
        CLONED_UNCONFIGURED,
        /** Cloned, and the VM's settings applied. */
        CLONED;

        /** The step output's {@code path}. */
        public String path() {
            return this == IMPORTED ? "import" : "clone";
        }
    }

    /** The system disk's size in whole GiB as PVE's property string says ({@code size=…}); empty when it does not. */
    public static OptionalInt diskSizeGb(String diskValue) {
        Matcher m = SIZE.matcher(diskValue == null ? "" : diskValue);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        double v = Double.parseDouble(m.group(1));
        double gb = switch (m.group(2)) {
            case "K" -> v / (1024 * 1024);
            case "M" -> v / 1024;
            case "T" -> v * 1024;
            case "G" -> v;
            default -> v / (1024.0 * 1024 * 1024);
        };
        return OptionalInt.of((int) Math.floor(gb));
    }

    /** Whether the system disk must grow to the row's size; a larger disk is left alone (PVE never shrinks). */
    public boolean systemDiskNeedsGrowth(OptionalInt currentGb) {
        return currentGb.isEmpty() || currentGb.getAsInt() < systemDiskGb;
    }

    /** The data disks PVE lacks, by SCSI slot, each on its own storage or the VM's. */
    public List<DataVolume> missingDataDisks(java.util.Set<String> pveKeys) {
        List<DataVolume> missing = new ArrayList<>();
        dataDisks.disks().forEach((slot, d) -> {
            if (!pveKeys.contains("scsi" + slot)) {
                missing.add(new DataVolume(slot, d.storage() == null ? storage : d.storage(), d.sizeGb()));
            }
        });
        return missing;
    }

    /** A data disk to create: {@code scsi<slot>} on {@code storage}. */
    public record DataVolume(int slot, String storage, int sizeGb) {
    }
}
