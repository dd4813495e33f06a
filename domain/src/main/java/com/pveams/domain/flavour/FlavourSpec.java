package com.pveams.domain.flavour;

import com.pveams.domain.catalog.CpuTypes;
import com.pveams.domain.catalog.OsCatalog;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.pve.StorageId;
import com.pveams.domain.settings.DefaultDiskSizes;

import java.util.Map;
import java.util.Objects;

/**
 * What a flavour (legacy {@code configuretemplate}) gives a VM, in stored units. Building one checks every value
 * against what PVE's {@code POST /nodes/{node}/qemu} accepts, and the legacy rules 1007 (CPU type), 1009
 * (architecture) and 1010 (nested virtualisation needs {@code host} or {@code max}), naming the API field.
 *
 * @param cpuUnits     PVE {@code cpuunits} (the CPU weight); the API speaks percent, see {@link #cpuWeight(int)}
 * @param bwlimitKbps  PVE {@code bwlimit} in KiB/s; null = the system default at create time
 * @param systemDiskGb null = the system default for the image's OS type
 */
public record FlavourSpec(String name, int sockets, int cores, int threads, boolean devirtualization, boolean kvm,
                          Long cpuModelId, Long modelGroupId, boolean nested, String cpu, int cpuUnits,
                          Integer bwlimitKbps, String arch, boolean acpi, int memoryMb, String storage,
                          Integer systemDiskGb, DataDisks dataDisks, int bandwidthMbps, boolean onBoot) {
    public static final int NAME_MAX = 64;
    public static final int MAX_SOCKETS = 64;
    public static final int MAX_CORES = 1024;
    public static final int MAX_THREADS = 64;
    /** PVE's minimum; the maximum is 8 TiB, the schema's bound. */
    public static final int MIN_MEMORY_MB = 16;
    public static final int MAX_MEMORY_MB = 8 * 1024 * 1024;
    /** So that MB/s × 1024 still fits PVE's integer {@code bwlimit} (KiB/s). */
    public static final int MAX_BWLIMIT_MBPS = Integer.MAX_VALUE / 1024;
    public static final int MAX_BANDWIDTH_MBPS = 1_000_000;
    public static final String AUTO_STORAGE = "auto";

    public FlavourSpec {
        name = name(name);
        range("sockets", sockets, 1, MAX_SOCKETS);
        range("cores", cores, 1, MAX_CORES);
        range("threads", threads, 1, MAX_THREADS);
        reference("cpuModel", cpuModelId);
        reference("modelGroup", modelGroupId);
        CpuTypes.require("cpu", cpu);
        CpuTypes.requireNestedSupport("nested", nested, cpu);
        range("cpuUnits", cpuUnits, 1, 100 * 100);
        if (bwlimitKbps != null) {
            range("bwlimit", bwlimitKbps, 0, Integer.MAX_VALUE);
        }
        arch = OsCatalog.architecture(arch).orElseThrow(() -> new DomainException(ErrorCode.ARCHITECTURE_NOT_EXIST,
                "arch", "必须是 " + OsCatalog.ARCHITECTURES + " 之一", "must be one of " + OsCatalog.ARCHITECTURES));
        if (!CpuTypes.runsOn(cpu, arch)) {
            throw new DomainException(ErrorCode.CPU_TYPE_NOT_EXIST, "cpu", "不能用于架构 " + arch,
                    "cannot be used with architecture " + arch);
        }
        range("memory", memoryMb, MIN_MEMORY_MB, MAX_MEMORY_MB);
        storage = storage(storage);
        if (systemDiskGb != null) {
            range("systemDiskSize", systemDiskGb, 1, DefaultDiskSizes.MAX_GB);
        }
        dataDisks = Objects.requireNonNullElse(dataDisks, DataDisks.NONE);
        range("bandwidth", bandwidthMbps, 0, MAX_BANDWIDTH_MBPS);
    }

    /**
     * The API's values (legacy field names and units). Null means "not sent"; {@code cpuModel}/{@code modelGroup}
     * 0 means "none"; {@code dataDisk} empty means no data disks.
     */
    public record Draft(String name, Integer sockets, Integer cores, Integer threads, Boolean devirtualization,
                        Boolean kvm, Long cpuModel, Long modelGroup, Boolean nested, String cpu, Integer cpuUnits,
                        Integer bwlimit, String arch, Boolean acpi, Integer memory, String storage,
                        Integer systemDiskSize, Map<String, ?> dataDisk, Integer bandwidth, Boolean onBoot) {
    }

    /** A new flavour: what was not sent takes the legacy default. */
    public static FlavourSpec define(Draft d) {
        if (d.name() == null || d.name().isBlank()) {
            throw DomainException.required("name");
        }
        return new FlavourSpec(d.name(), or(d.sockets(), 1), or(d.cores(), 1), or(d.threads(), 1),
                or(d.devirtualization(), false), or(d.kvm(), true), ref(d.cpuModel()), ref(d.modelGroup()),
                or(d.nested(), false), d.cpu() == null || d.cpu().isBlank() ? "kvm64" : d.cpu().strip(),
                cpuWeight(or(d.cpuUnits(), 1)), bwlimitKbps(d.bwlimit()), d.arch() == null ? "x86_64" : d.arch(),
                or(d.acpi(), true), or(d.memory(), 512), d.storage(), d.systemDiskSize(),
                DataDisks.parse(d.dataDisk()), or(d.bandwidth(), 1), or(d.onBoot(), false));
    }

    /** The same flavour with the fields an admin sent; the result is checked as a whole (e.g. nested vs cpu). */
    public FlavourSpec revise(Draft d) {
        return new FlavourSpec(d.name() == null ? name : d.name(), or(d.sockets(), sockets), or(d.cores(), cores),
                or(d.threads(), threads), or(d.devirtualization(), devirtualization), or(d.kvm(), kvm),
                d.cpuModel() == null ? cpuModelId : ref(d.cpuModel()),
                d.modelGroup() == null ? modelGroupId : ref(d.modelGroup()), or(d.nested(), nested),
                d.cpu() == null || d.cpu().isBlank() ? cpu : d.cpu().strip(),
                d.cpuUnits() == null ? cpuUnits : cpuWeight(d.cpuUnits()),
                d.bwlimit() == null ? bwlimitKbps : bwlimitKbps(d.bwlimit()), d.arch() == null ? arch : d.arch(),
                or(d.acpi(), acpi), or(d.memory(), memoryMb), d.storage() == null ? storage : d.storage(),
                d.systemDiskSize() == null ? systemDiskGb : d.systemDiskSize(),
                d.dataDisk() == null ? dataDisks : DataDisks.parse(d.dataDisk()), or(d.bandwidth(), bandwidthMbps),
                or(d.onBoot(), onBoot));
    }

    /**
     * The API's {@code cpuUnits} is a percentage (1–100). PVE 9 runs on cgroup v2, which clamps {@code cpuunits} to
     * 1–10000 with 100 as the default, so percent × 100 spans exactly the weights PVE applies (1 % = PVE's default).
     * The legacy ×1024 made every value from 10 % up the same clamped weight.
     */
    public static int cpuWeight(int percent) {
        range("cpuUnits", percent, 1, 100);
        return percent * 100;
    }

    public int cpuUnitsPercent() {
        return Math.max(1, Math.round(cpuUnits / 100f));
    }

    /** The API's {@code bwlimit} is MB/s; PVE's is KiB/s. */
    public static Integer bwlimitKbps(Integer mbps) {
        if (mbps == null) {
            return null;
        }
        range("bwlimit", mbps, 0, MAX_BWLIMIT_MBPS);
        return mbps * 1024;
    }

    public Integer bwlimitMBps() {
        return bwlimitKbps == null ? null : bwlimitKbps / 1024;
    }

    /** {@code auto} (the node's storage with the most free space) or a PVE storage id. */
    static String storage(String field, String v) {
        if (AUTO_STORAGE.equals(v)) {
            return v;
        }
        if (!StorageId.isValid(v)) {
            throw DomainException.invalid(field, "必须是 auto 或 PVE 存储 ID（字母开头，字母、数字或 -_.，2 到 64 个字符）",
                    "must be auto or a PVE storage id (a letter first, then letters, digits or -_., 2 to 64 characters)");
        }
        return v;
    }

    private static String storage(String raw) {
        return raw == null || raw.isBlank() ? AUTO_STORAGE : storage("storage", raw.strip());
    }

    private static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required("name");
        }
        String v = raw.strip();
        if (v.length() > NAME_MAX) {
            throw DomainException.invalid("name", "长度不能超过 " + NAME_MAX, "must be at most " + NAME_MAX + " characters");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "不能包含控制字符", "must not contain control characters");
        }
        return v;
    }

    private static Long ref(Long id) {
        return id == null || id == 0 ? null : id;
    }

    private static void reference(String field, Long id) {
        if (id != null && id < 1) {
            throw DomainException.invalid(field, "必须是正整数", "must be a positive integer");
        }
    }

    private static void range(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw DomainException.invalid(field, "必须在 " + min + " 到 " + max + " 之间", "must be between " + min + " and " + max);
        }
    }

    private static <T> T or(T v, T fallback) {
        return v == null ? fallback : v;
    }
}
