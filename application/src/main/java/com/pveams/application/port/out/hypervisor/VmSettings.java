package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.hardware.QemuArgs;
import com.pveams.domain.pve.CloudInitCustom;
import com.pveams.domain.pve.ConfigKey;
import com.pveams.domain.pve.DnsName;
import com.pveams.domain.pve.GuestAddress;
import com.pveams.domain.pve.PropertyValue;
import com.pveams.domain.pve.PveTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed VM settings shared by create and update. Every field is optional ({@code null} / empty = leave PVE's value
 * or default). The adapter renders them to PVE's parameters and property strings. Secrets ({@code cipassword})
 * are not part of {@code toString()}.
 * <p>Every text is checked here, before any request exists: names, domains, tags and keys as PVE's formats want them
 * (refusing the separators {@code , = ;}, whitespace and control characters), enums against PVE's lists, addresses
 * parsed (and kept canonical), {@code args} against {@link QemuArgs}, {@code cicustom} as volume ids; free text
 * (password, SSH keys, description) may not hold control characters that would split it.
 */
public record VmSettings(String name, Integer memoryMiB, Integer balloonMiB, Integer sockets, Integer cores,
                         CpuSpec cpu, Double cpuLimit, Integer cpuUnits, String osType, Boolean onBoot,
                         Boolean agent, Boolean acpi, Boolean kvm, String scsiHardware, String bios, String machine,
                         List<NetDevice> nets, List<DiskSpec> disks, List<IpConfig> ipConfigs, String ciUser,
                         String ciPassword, String ciType, String ciCustom, List<String> nameservers,
                         String searchDomain, List<String> sshKeys, List<String> bootOrder, String description,
                         List<String> tags, String args, String arch) {

    /** PVE's enums for {@code ostype}, {@code scsihw}, {@code bios}, {@code citype}. */
    public static final Set<String> OS_TYPES = Set.of("other", "wxp", "w2k", "w2k3", "w2k8", "wvista", "win7", "win8",
            "win10", "win11", "l24", "l26", "solaris");
    public static final Set<String> SCSI_HARDWARE = Set.of("lsi", "lsi53c810", "virtio-scsi-pci", "virtio-scsi-single",
            "megasas", "pvscsi");
    public static final Set<String> BIOSES = Set.of("seabios", "ovmf");
    public static final Set<String> CI_TYPES = Set.of("configdrive2", "nocloud", "opennebula");
    /** {@code arch} (root@pam only on PVE; absent = the node's architecture). */
    public static final Set<String> ARCHITECTURES = Set.of("x86_64", "aarch64");
    /** {@code machine}'s type (its default key), from PVE's schema; the other machine options are not used. */
    private static final Pattern MACHINE = Pattern.compile("(pc|pc(-i440fx)?-\\d+(\\.\\d+)+(\\+pve\\d+)?(\\.pxe)?|q35"
            + "|pc-q35-\\d+(\\.\\d+)+(\\+pve\\d+)?(\\.pxe)?|virt(?:-\\d+(\\.\\d+)+)?(\\+pve\\d+)?)");
    /** A guest user name cloud-init writes into its user data: one word, as Linux and Windows accept it. */
    private static final Pattern CI_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final int DESCRIPTION_MAX = 8192;

    public VmSettings {
        name = name == null ? null : DnsName.check("name", name);
        oneOf("ostype", osType, OS_TYPES);
        oneOf("scsihw", scsiHardware, SCSI_HARDWARE);
        oneOf("bios", bios, BIOSES);
        oneOf("citype", ciType, CI_TYPES);
        oneOf("arch", arch, ARCHITECTURES);
        if (machine != null) {
            PropertyValue.matching("machine", machine, MACHINE, 64, "不是PVE的机器类型", "is not a PVE machine type");
        }
        if (ciUser != null) {
            PropertyValue.matching("ciuser", ciUser, CI_USER, 32, "必须是一个用户名（字母、数字和 _.-）",
                    "must be one user name (letters, digits and _.-)");
        }
        if (ciPassword != null) {
            PropertyValue.text("cipassword", ciPassword, 256, false);
        }
        ciCustom = ciCustom == null ? null : CloudInitCustom.check("cicustom", ciCustom);
        searchDomain = searchDomain == null ? null : DnsName.check("searchdomain", searchDomain);
        description = description == null ? null : PropertyValue.text("description", description, DESCRIPTION_MAX, true);
        args = args == null ? null : QemuArgs.check("args", args);
        nets = nets == null ? List.of() : List.copyOf(nets);
        disks = disks == null ? List.of() : List.copyOf(disks);
        ipConfigs = ipConfigs == null ? List.of() : List.copyOf(ipConfigs);
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
        bootOrder = bootOrder == null ? List.of() : List.copyOf(bootOrder);
        tags = tags == null ? List.of() : List.copyOf(tags);
        nameservers = nameservers.stream().map(n -> GuestAddress.address("nameserver", n, 0)).toList();
        sshKeys.forEach(k -> PropertyValue.text("sshkeys", k, 8192, false));
        bootOrder.forEach(d -> ConfigKey.check("boot", d));
        tags.forEach(t -> PveTag.check("tags", t));
    }

    private static void oneOf(String field, String v, Set<String> allowed) {
        if (v != null && !allowed.contains(v)) {
            throw DomainException.invalid(field, "不是PVE允许的值", "is not a value PVE accepts");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "VmSettings[name=" + name + ", memoryMiB=" + memoryMiB + ", sockets=" + sockets + ", cores=" + cores
                + ", cpu=" + cpu + ", nets=" + nets + ", disks=" + disks + ", ipConfigs=" + ipConfigs
                + ", ciUser=" + ciUser + ", ciPassword=" + (ciPassword == null ? null : "***") + "]";
    }

    /** Mutable builder; {@link #build()} makes the immutable record. */
    public static final class Builder {
        private String name;
        private Integer memoryMiB;
        private Integer balloonMiB;
        private Integer sockets;
        private Integer cores;
        private CpuSpec cpu;
        private Double cpuLimit;
        private Integer cpuUnits;
        private String osType;
        private Boolean onBoot;
        private Boolean agent;
        private Boolean acpi;
        private Boolean kvm;
        private String scsiHardware;
        private String bios;
        private String machine;
        private final List<NetDevice> nets = new ArrayList<>();
        private final List<DiskSpec> disks = new ArrayList<>();
        private final List<IpConfig> ipConfigs = new ArrayList<>();
        private String ciUser;
        private String ciPassword;
        private String ciType;
        private String ciCustom;
        private final List<String> nameservers = new ArrayList<>();
        private String searchDomain;
        private final List<String> sshKeys = new ArrayList<>();
        private final List<String> bootOrder = new ArrayList<>();
        private String description;
        private final List<String> tags = new ArrayList<>();
        private String args;
        private String arch;

        public Builder name(String v) { this.name = v; return this; }
        public Builder memoryMiB(Integer v) { this.memoryMiB = v; return this; }
        public Builder balloonMiB(Integer v) { this.balloonMiB = v; return this; }
        public Builder sockets(Integer v) { this.sockets = v; return this; }
        public Builder cores(Integer v) { this.cores = v; return this; }
        public Builder cpu(CpuSpec v) { this.cpu = v; return this; }
        public Builder cpuLimit(Double v) { this.cpuLimit = v; return this; }
        public Builder cpuUnits(Integer v) { this.cpuUnits = v; return this; }
        public Builder osType(String v) { this.osType = v; return this; }
        public Builder onBoot(Boolean v) { this.onBoot = v; return this; }
        public Builder agent(Boolean v) { this.agent = v; return this; }
        public Builder acpi(Boolean v) { this.acpi = v; return this; }
        public Builder kvm(Boolean v) { this.kvm = v; return this; }
        public Builder scsiHardware(String v) { this.scsiHardware = v; return this; }
        public Builder bios(String v) { this.bios = v; return this; }
        public Builder machine(String v) { this.machine = v; return this; }
        public Builder net(NetDevice v) { this.nets.add(v); return this; }
        public Builder disk(DiskSpec v) { this.disks.add(v); return this; }
        public Builder ipConfig(IpConfig v) { this.ipConfigs.add(v); return this; }
        public Builder ciUser(String v) { this.ciUser = v; return this; }
        public Builder ciPassword(String v) { this.ciPassword = v; return this; }
        public Builder ciType(String v) { this.ciType = v; return this; }
        public Builder ciCustom(String v) { this.ciCustom = v; return this; }
        public Builder nameserver(String v) { this.nameservers.add(v); return this; }
        public Builder searchDomain(String v) { this.searchDomain = v; return this; }
        public Builder sshKey(String v) { this.sshKeys.add(v); return this; }
        public Builder bootOrder(List<String> v) { this.bootOrder.clear(); this.bootOrder.addAll(v); return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder tag(String v) { this.tags.add(v); return this; }
        public Builder args(String v) { this.args = v; return this; }
        public Builder arch(String v) { this.arch = v; return this; }

        public VmSettings build() {
            return new VmSettings(name, memoryMiB, balloonMiB, sockets, cores, cpu, cpuLimit, cpuUnits, osType, onBoot,
                    agent, acpi, kvm, scsiHardware, bios, machine, nets, disks, ipConfigs, ciUser, ciPassword, ciType,
                    ciCustom, nameservers, searchDomain, sshKeys, bootOrder, description, tags, args, arch);
        }
    }
}
