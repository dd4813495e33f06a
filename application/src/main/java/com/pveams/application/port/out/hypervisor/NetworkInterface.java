package com.pveams.application.port.out.hypervisor;

/** {@code GET /nodes/{node}/network}: one interface (bridge, bond, eth ...). Nullable fields are absent in PVE. */
public record NetworkInterface(String name, String type, boolean active, boolean autostart, String cidr,
                               String address, String netmask, String gateway, String cidr6, String gateway6,
                               String bridgePorts, boolean vlanAware, String comments) {
}
