package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.pve.GuestAddress;

/**
 * {@code ipconfig[n]} (cloud-init): IPv4 as CIDR or "dhcp", optional gateway; IPv6 as CIDR, "dhcp" or "auto".
 * A gateway without its address is rejected, as PVE does. Every value is parsed ({@link GuestAddress}) and kept in
 * canonical form, so the {@code ipconfig[n]} text holds addresses and nothing else.
 */
public record IpConfig(int index, String ipv4, String gateway4, String ipv6, String gateway6) {
    public IpConfig {
        if (index < 0 || index > 31) {
            throw new IllegalArgumentException("ipconfig index 0..31");
        }
        if (gateway4 != null && ipv4 == null) {
            throw new IllegalArgumentException("gateway4 needs ipv4");
        }
        if (gateway6 != null && ipv6 == null) {
            throw new IllegalArgumentException("gateway6 needs ipv6");
        }
        ipv4 = ipv4 == null ? null : GuestAddress.ipv4Config("ipv4", ipv4);
        gateway4 = gateway4 == null ? null : GuestAddress.address("gateway4", gateway4, 4);
        ipv6 = ipv6 == null ? null : GuestAddress.ipv6Config("ipv6", ipv6);
        gateway6 = gateway6 == null ? null : GuestAddress.address("gateway6", gateway6, 6);
    }

    public static IpConfig v4(int index, String cidr, String gateway) {
        return new IpConfig(index, cidr, gateway, null, null);
    }
}
