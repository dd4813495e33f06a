package com.pveams.application.port.out.hypervisor;

import java.util.Objects;

/**
 * {@code net[n]}: a network card. {@code macAddress} null lets PVE generate one; {@code rateMBps} is MB/s (PVE's unit),
 * null means unlimited; {@code vlanTag} null means untagged.
 */
public record NetDevice(int index, String model, String macAddress, String bridge, boolean firewall, Double rateMBps,
                        Integer vlanTag, Integer mtu, Integer queues) {
    public NetDevice {
        Objects.requireNonNull(model, "model");
        if (index < 0 || index > 31) {
            throw new IllegalArgumentException("net index 0..31");
        }
    }

    public static NetDevice virtio(int index, String bridge) {
        return new NetDevice(index, "virtio", null, bridge, true, null, null, null, null);
    }

    public NetDevice withMac(String mac) {
        return new NetDevice(index, model, mac, bridge, firewall, rateMBps, vlanTag, mtu, queues);
    }

    public NetDevice withRate(Double mbps) {
        return new NetDevice(index, model, macAddress, bridge, firewall, mbps, vlanTag, mtu, queues);
    }
}
