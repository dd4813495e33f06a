package com.pveams.domain.vm.build;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.pve.MacAddress;
import com.pveams.domain.pve.StorageId;
import com.pveams.domain.vm.IpConfigLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud-init network configuration (version 2, netplan's schema) of a Linux VM holding more addresses than
 * PVE's {@code ipconfig0} can carry (one IPv4 and one IPv6): the one NIC matched by its MAC, every address with its
 * prefix, the first IPv4 and the first IPv6 gateway as default routes, the nameservers. PVE hands the file to the
 * guest instead of the network it renders from {@code ipconfig0}, so it holds the primary address too.
 *
 * <p>Every value is typed (addresses parsed, the MAC checked) and written double-quoted, so nothing a row holds can
 * add a key or a line to the YAML.
 */
public final class GuestNetworkConfig {
    /** The interface name the guest gets; the legacy's snippets named it so too. */
    static final String INTERFACE = "eth0";
    private static final Pattern NET_MAC = Pattern.compile("^(?:model=)?[a-z0-9-]+=([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})(?:,|$)");

    private final String mac;
    private final List<IpConfigLine.Assignment> addresses;
    private final IpAddress gateway4;
    private final IpAddress gateway6;
    private final List<IpAddress> nameservers;

    private GuestNetworkConfig(String mac, List<IpConfigLine.Assignment> addresses, IpAddress gateway4,
                               IpAddress gateway6, List<IpAddress> nameservers) {
        this.mac = mac;
        this.addresses = List.copyOf(addresses);
        this.gateway4 = gateway4;
        this.gateway6 = gateway6;
        this.nameservers = List.copyOf(nameservers);
    }

    /**
     * @param mac         the NIC's MAC as PVE's {@code net0} carries it
     * @param lines       the VM's static {@code ip_config} slots in slot order (the first is {@code ipconfig0})
     * @param nameservers the VM's DNS servers (may be empty)
     */
    public static GuestNetworkConfig of(String mac, List<IpConfigLine> lines, List<String> nameservers) {
        String checkedMac = MacAddress.check("net0", mac).toLowerCase(Locale.ROOT);
        if (lines == null || lines.isEmpty()) {
            throw DomainException.invalid("vm.ip_config", "没有静态地址", "holds no static address");
        }
        List<IpConfigLine.Assignment> all = new ArrayList<>();
        IpAddress gw4 = null;
        IpAddress gw6 = null;
        for (IpConfigLine line : lines) {
            for (IpConfigLine.Assignment a : line.assignments()) {
                if (all.stream().anyMatch(x -> x.address().equals(a.address()))) {
                    continue; // one address configured twice would make the guest refuse the file
                }
                all.add(a);
                if (a.gateway() != null && a.address().version() == 4 && gw4 == null) {
                    gw4 = a.gateway();
                }
                if (a.gateway() != null && a.address().version() == 6 && gw6 == null) {
                    gw6 = a.gateway();
                }
            }
        }
        List<IpAddress> dns = new ArrayList<>();
        for (String ns : nameservers == null ? List.<String>of() : nameservers) {
            IpAddress a = IpAddress.parse(ns, "vm.dns1");
            if (!dns.contains(a)) {
                dns.add(a);
            }
        }
        return new GuestNetworkConfig(checkedMac, all, gw4, gw6, dns);
    }

    /** The MAC of a PVE NIC value ({@code virtio=BC:24:11:00:00:01,bridge=vmbr0,…}); empty when it names none. */
    public static Optional<String> macOf(String netValue) {
        if (netValue == null) {
            return Optional.empty();
        }
        Matcher m = NET_MAC.matcher(netValue);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The snippet's file name: from the VMID only, so nothing of the row reaches a path on the node. */
    public static String fileName(int vmid) {
        if (vmid < 100 || vmid > 999_999_999) {
            throw DomainException.invalid("vmid", "必须在 100 到 999999999 之间", "must be between 100 and 999999999");
        }
        return "ams-vm-" + vmid + "-network.yaml";
    }

    /** PVE's {@code cicustom} for the snippet of {@code vmid} on {@code storage}: only the network file. */
    public static String cicustom(String storage, int vmid) {
        return "network=" + StorageId.check("storage", storage) + ":snippets/" + fileName(vmid);
    }

    public List<IpConfigLine.Assignment> addresses() {
        return addresses;
    }

    /** The YAML document the guest's cloud-init reads. */
    public String render() {
        StringBuilder y = new StringBuilder();
        y.append("# written by ProxmoxVE-AMS; rewritten on each build of the VM\n");
        y.append("version: 2\n");
        y.append("ethernets:\n");
        y.append("  ").append(INTERFACE).append(":\n");
        y.append("    match:\n");
        y.append("      macaddress: ").append(quoted(mac)).append('\n');
        y.append("    set-name: ").append(INTERFACE).append('\n');
        y.append("    dhcp4: false\n");
        y.append("    dhcp6: false\n");
        y.append("    addresses:\n");
        for (IpConfigLine.Assignment a : addresses) {
            y.append("      - ").append(quoted(a.address() + "/" + a.prefixLength())).append('\n');
        }
        if (gateway4 != null || gateway6 != null) {
            y.append("    routes:\n");
            if (gateway4 != null) {
                y.append("      - to: ").append(quoted("0.0.0.0/0")).append('\n');
                y.append("        via: ").append(quoted(gateway4.toString())).append('\n');
            }
            if (gateway6 != null) {
                y.append("      - to: ").append(quoted("::/0")).append('\n');
                y.append("        via: ").append(quoted(gateway6.toString())).append('\n');
            }
        }
        if (!nameservers.isEmpty()) {
            y.append("    nameservers:\n");
            y.append("      addresses:\n");
            for (IpAddress ns : nameservers) {
                y.append("        - ").append(quoted(ns.toString())).append('\n');
            }
        }
        return y.toString();
    }

    /** A YAML double-quoted scalar; the typed values never need escapes, but a stray one could not break out. */
    private static String quoted(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
