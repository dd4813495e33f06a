package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.reservation.AllocatedAddress;
import com.pveams.domain.vm.IpConfigLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The network side of a create: the bridge, the addresses the request names in {@code ipConfig}, and the
 * {@code ip_config} the allocated addresses give (legacy-behavior §5.3: slot n holds the n-th IPv4 and the n-th
 * IPv6 address).
 */
public final class VmNetwork {
    public static final String DEFAULT_BRIDGE = "vmbr0";
    /** A Linux interface name: nothing PVE would read as a separator inside {@code net0}. */
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,15}");

    private VmNetwork() {
    }

    /** The request's bridge, else the node's NAT bridge for a NAT VM on a node with NAT, else {@code vmbr0}. */
    public static String bridge(String requested, boolean nat, boolean nodeNatEnabled, String nodeNatBridge) {
        if (requested != null && !requested.isBlank()) {
            String b = requested.strip();
            if (!BRIDGE.matcher(b).matches()) {
                throw DomainException.invalid("bridge", "必须是网桥名（字母开头，字母、数字或 _.-，最长 16 个字符）",
                        "must be a bridge name (a letter, then letters, digits or _.-, at most 16 characters)");
            }
            return b;
        }
        return nat && nodeNatEnabled && nodeNatBridge != null && !nodeNatBridge.isBlank() ? nodeNatBridge : DEFAULT_BRIDGE;
    }

    /**
     * The addresses named in {@code ipConfig} values ({@code ip=A/M,gw=…}, {@code ip6=…}, or a bare address), in
     * slot order. An empty value asks for an automatic address.
     */
    public static List<String> requestedAddresses(Map<String, String> ipConfig) {
        List<String> out = new ArrayList<>();
        ipConfig.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> slot(a) - slot(b))).forEach(e -> {
            String v = e.getValue();
            if (v == null || v.isBlank()) {
                return;
            }
            for (String item : v.split(",")) {
                String t = item.strip();
                if (t.startsWith("ip=") || t.startsWith("ip6=")) {
                    t = t.substring(t.indexOf('=') + 1);
                } else if (t.contains("=")) {
                    continue;
                }
                int slash = t.indexOf('/');
                String address = slash < 0 ? t : t.substring(0, slash);
                if (address.equalsIgnoreCase("dhcp") || address.equalsIgnoreCase("auto")) {
                    throw DomainException.invalid("ipConfig", "只能填写静态地址", "only static addresses are supported");
                }
                out.add(address);
            }
        });
        return out;
    }

    private static int slot(String key) {
        try {
            return Integer.parseInt(key.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("ipConfig", "槽位必须是数字", "slots must be numbers");
        }
    }

    /** Slot n ("1"…) holds the n-th IPv4 and the n-th IPv6 address, rendered as PVE's {@code ipconfigN}. */
    public static Map<String, String> ipConfig(List<AllocatedAddress> held) {
        List<AllocatedAddress> v4 = held.stream().filter(a -> a.address().version() == 4).toList();
        List<AllocatedAddress> v6 = held.stream().filter(a -> a.address().version() == 6).toList();
        Map<String, String> slots = new LinkedHashMap<>();
        for (int i = 0; i < Math.max(v4.size(), v6.size()); i++) {
            IpConfigLine line = IpConfigLine.of(i < v4.size() ? assignment(v4.get(i)) : null,
                    i < v6.size() ? assignment(v6.get(i)) : null);
            slots.put(Integer.toString(i + 1), line.render());
        }
        return slots;
    }

    private static IpConfigLine.Assignment assignment(AllocatedAddress a) {
        return new IpConfigLine.Assignment(a.address(), a.prefixLength(), a.gateway());
    }

    /** The request's {@code dns1}, else the pool's, else none. */
    public static IpAddress dns1(String requested, IpAddress poolDns) {
        if (requested != null && !requested.isBlank()) {
            return IpAddress.parse(requested.strip(), "dns1");
        }
        return poolDns;
    }

    /** Legacy: a VM without a hostname is named after its first address ({@code 10-0-0-5}). */
    public static String hostnameFrom(List<AllocatedAddress> held) {
        if (held.isEmpty()) {
            throw DomainException.required("hostname");
        }
        String a = held.get(0).address().toString().replace('.', '-').replace(':', '-');
        a = a.replaceAll("^-+|-+$", "");
        return a.isEmpty() ? "vm" : a;
    }
}
