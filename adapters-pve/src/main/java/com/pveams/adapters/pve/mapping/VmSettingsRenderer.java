package com.pveams.adapters.pve.mapping;

import com.pveams.application.port.out.hypervisor.CpuSpec;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.IpConfig;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.domain.pve.BridgeName;
import com.pveams.domain.pve.CpuFlag;
import com.pveams.domain.pve.CpuType;
import com.pveams.domain.pve.GuestAddress;
import com.pveams.domain.pve.ImportSource;
import com.pveams.domain.pve.MacAddress;
import com.pveams.domain.pve.StorageId;
import com.pveams.domain.pve.VolumeId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders typed {@link VmSettings} into PVE parameters exactly as PVE's schema wants them: property strings for
 * {@code cpu}, {@code net[n]}, disks and {@code ipconfig[n]}; booleans as 0/1; numbers without exponent or trailing
 * zeros; {@code sshkeys} percent-encoded (format {@code urlencoded}) before the form encoding.
 * <p>The records refuse values that could smuggle options when they are made; every text spliced into a property
 * string here passes the same domain check again, so this class cannot emit a separator a value brought along.
 */
public final class VmSettingsRenderer {

    private VmSettingsRenderer() {
    }

    public static Map<String, String> render(VmSettings s) {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "name", s.name());
        put(p, "memory", s.memoryMiB());
        put(p, "balloon", s.balloonMiB());
        put(p, "sockets", s.sockets());
        put(p, "cores", s.cores());
        if (s.cpu() != null) {
            p.put("cpu", cpu(s.cpu()));
        }
        if (s.cpuLimit() != null) {
            p.put("cpulimit", number(s.cpuLimit()));
        }
        put(p, "cpuunits", s.cpuUnits());
        put(p, "ostype", s.osType());
        bool(p, "onboot", s.onBoot());
        bool(p, "agent", s.agent());
        bool(p, "acpi", s.acpi());
        bool(p, "kvm", s.kvm());
        put(p, "scsihw", s.scsiHardware());
        put(p, "bios", s.bios());
        put(p, "machine", s.machine());
        put(p, "arch", s.arch());
        for (NetDevice n : s.nets()) {
            p.put("net" + n.index(), net(n));
        }
        for (DiskSpec d : s.disks()) {
            p.put(d.key(), disk(d));
        }
        for (IpConfig ip : s.ipConfigs()) {
            p.put("ipconfig" + ip.index(), ipconfig(ip));
        }
        put(p, "ciuser", s.ciUser());
        put(p, "cipassword", s.ciPassword());
        put(p, "citype", s.ciType());
        put(p, "cicustom", s.ciCustom());
        if (!s.nameservers().isEmpty()) {
            p.put("nameserver", String.join(" ", s.nameservers()));
        }
        put(p, "searchdomain", s.searchDomain());
        if (!s.sshKeys().isEmpty()) {
            p.put("sshkeys", sshKeys(s.sshKeys()));
        }
        if (!s.bootOrder().isEmpty()) {
            p.put("boot", "order=" + String.join(";", s.bootOrder()));
        }
        put(p, "description", s.description());
        if (!s.tags().isEmpty()) {
            p.put("tags", String.join(";", s.tags()));
        }
        put(p, "args", s.args());
        return p;
    }

    public static String cpu(CpuSpec c) {
        StringBuilder sb = new StringBuilder(CpuType.check("cpu", c.type()));
        if (!c.flags().isEmpty()) {
            sb.append(",flags=").append(String.join(";", c.flags().stream().map(f -> CpuFlag.check("cpuFlags", f)).toList()));
        }
        if (c.hidden()) {
            sb.append(",hidden=1");
        }
        return sb.toString();
    }

    public static String net(NetDevice n) {
        List<String> parts = new ArrayList<>();
        parts.add(n.macAddress() == null ? "model=" + n.model()
                : n.model() + "=" + MacAddress.check("macAddress", n.macAddress()));
        if (n.bridge() != null) {
            parts.add("bridge=" + BridgeName.check("bridge", n.bridge()));
        }
        parts.add("firewall=" + (n.firewall() ? 1 : 0));
        if (n.rateMBps() != null) {
            parts.add("rate=" + number(n.rateMBps()));
        }
        if (n.vlanTag() != null) {
            parts.add("tag=" + n.vlanTag());
        }
        if (n.mtu() != null) {
            parts.add("mtu=" + n.mtu());
        }
        if (n.queues() != null) {
            parts.add("queues=" + n.queues());
        }
        return String.join(",", parts);
    }

    public static String disk(DiskSpec d) {
        List<String> parts = new ArrayList<>();
        if (d.cloudInit()) {
            return StorageId.check("storage", d.storage()) + ":cloudinit";
        }
        if (d.cdrom()) {
            parts.add(d.volume() == null ? "none" : VolumeId.check("volume", d.volume()));
            parts.add("media=cdrom");
            return String.join(",", parts);
        }
        if (d.sizeGiB() > 0) {
            parts.add(StorageId.check("storage", d.storage()) + ":" + d.sizeGiB());
        } else if (d.importFrom() != null) {
            parts.add(StorageId.check("storage", d.storage()) + ":0");
            parts.add("import-from=" + ImportSource.check("importFrom", d.importFrom()));
        } else {
            parts.add(VolumeId.check("volume", d.volume()));
        }
        if (d.discard()) {
            parts.add("discard=on");
        }
        if (d.ssd()) {
            parts.add("ssd=1");
        }
        if (d.iothread()) {
            parts.add("iothread=1");
        }
        if (d.cache() != null) {
            parts.add("cache=" + d.cache());
        }
        DiskSpec.Limits l = d.limits();
        limit(parts, "iops_rd", l.iopsRead());
        limit(parts, "iops_rd_max", l.iopsReadMax());
        limit(parts, "iops_wr", l.iopsWrite());
        limit(parts, "iops_wr_max", l.iopsWriteMax());
        limit(parts, "mbps_rd", l.mbpsRead());
        limit(parts, "mbps_rd_max", l.mbpsReadMax());
        limit(parts, "mbps_wr", l.mbpsWrite());
        limit(parts, "mbps_wr_max", l.mbpsWriteMax());
        return String.join(",", parts);
    }

    public static String ipconfig(IpConfig ip) {
        List<String> parts = new ArrayList<>();
        if (ip.ipv4() != null) {
            parts.add("ip=" + GuestAddress.ipv4Config("ipv4", ip.ipv4()));
        }
        if (ip.gateway4() != null) {
            parts.add("gw=" + GuestAddress.address("gateway4", ip.gateway4(), 4));
        }
        if (ip.ipv6() != null) {
            parts.add("ip6=" + GuestAddress.ipv6Config("ipv6", ip.ipv6()));
        }
        if (ip.gateway6() != null) {
            parts.add("gw6=" + GuestAddress.address("gateway6", ip.gateway6(), 6));
        }
        return String.join(",", parts);
    }

    /** One key per line, then percent-encoded (space as %20, newline as %0A), as PVE's {@code urlencoded} format. */
    public static String sshKeys(List<String> keys) {
        String joined = String.join("\n", keys.stream().map(String::strip).toList());
        byte[] bytes = joined.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** Plain decimal, no exponent, no trailing zeros: 12.5, 100, 0.25. */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("not a finite number");
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static void limit(List<String> parts, String key, Number v) {
        if (v != null && v.doubleValue() > 0) {
            parts.add(key + "=" + (v instanceof Double dv ? number(dv) : v.toString()));
        }
    }

    private static void put(Map<String, String> p, String key, Object v) {
        if (v != null) {
            p.put(key, v.toString());
        }
    }

    private static void bool(Map<String, String> p, String key, Boolean v) {
        if (v != null) {
            p.put(key, v ? "1" : "0");
        }
    }
}
