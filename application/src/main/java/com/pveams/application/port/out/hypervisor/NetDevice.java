package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.pve.BridgeName;
import com.pveams.domain.pve.MacAddress;

import java.util.Objects;
import java.util.Set;

/**
 * {@code net[n]}: a network card. {@code macAddress} null lets PVE generate one; {@code rateMBps} is MB/s (PVE's unit),
 * null means unlimited; {@code vlanTag} null means untagged. The model is one of PVE's, the bridge a
 * {@link BridgeName} and the MAC a {@link MacAddress} (kept upper-case), so nothing else reaches {@code net[n]}.
 */
public record NetDevice(int index, String model, String macAddress, String bridge, boolean firewall, Double rateMBps,
                        Integer vlanTag, Integer mtu, Integer queues) {
    /** PVE's NIC models ({@code net[n]}'s {@code model} enum). */
    public static final Set<String> MODELS = Set.of("e1000", "e1000-82540em", "e1000-82544gc", "e1000-82545em",
            "e1000e", "i82551", "i82557b", "i82559er", "ne2k_isa", "ne2k_pci", "pcnet", "rtl8139", "virtio", "vmxnet3");

    public NetDevice {
        Objects.requireNonNull(model, "model");
        if (index < 0 || index > 31) {
            throw new IllegalArgumentException("net index 0..31");
        }
        if (!MODELS.contains(model)) {
            throw DomainException.invalid("model", "不是PVE支持的网卡型号", "is not a NIC model PVE knows");
        }
        macAddress = macAddress == null ? null : MacAddress.check("macAddress", macAddress);
        bridge = bridge == null ? null : BridgeName.check("bridge", bridge);
        if (vlanTag != null && (vlanTag < 1 || vlanTag > 4094)) {
            throw DomainException.invalid("vlanTag", "必须在 1 到 4094 之间", "must be between 1 and 4094");
        }
        if (rateMBps != null && !(rateMBps >= 0 && Double.isFinite(rateMBps))) {
            throw DomainException.invalid("rate", "必须是非负数", "must be a non-negative number");
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
