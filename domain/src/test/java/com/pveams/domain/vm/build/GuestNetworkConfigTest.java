package com.pveams.domain.vm.build;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.vm.IpConfigLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestNetworkConfigTest {

    private static IpConfigLine line(String text) {
        return IpConfigLine.parse(text).orElseThrow();
    }

    @Test
    void everyAddressTheFirstGatewayOfEachFamilyAndTheNameservers() {
        GuestNetworkConfig c = GuestNetworkConfig.of("BC:24:11:AA:00:01", List.of(
                line("ip=192.0.2.10/24,gw=192.0.2.1,ip6=2001:db8::10/64,gw6=2001:db8::1"),
                line("ip=198.51.100.7/25,gw=198.51.100.1"),
                line("ip6=2001:db8:1::5/64,gw6=2001:db8:1::1")), List.of("1.1.1.1"));
        assertEquals("""
                # written by ProxmoxVE-AMS; rewritten on each build of the VM
                version: 2
                ethernets:
                  eth0:
                    match:
                      macaddress: "bc:24:11:aa:00:01"
                    set-name: eth0
                    dhcp4: false
                    dhcp6: false
                    addresses:
                      - "192.0.2.10/24"
                      - "2001:db8::10/64"
                      - "198.51.100.7/25"
                      - "2001:db8:1::5/64"
                    routes:
                      - to: "0.0.0.0/0"
                        via: "192.0.2.1"
                      - to: "::/0"
                        via: "2001:db8::1"
                    nameservers:
                      addresses:
                        - "1.1.1.1"
                """, c.render());
    }

    @Test
    void withoutGatewaysOrDnsThereAreNoRoutesOrNameservers() {
        String y = GuestNetworkConfig.of("02:00:00:00:00:01", List.of(line("ip=10.0.0.2/24"), line("ip=10.0.0.3/24")),
                List.of()).render();
        assertFalse(y.contains("routes"));
        assertFalse(y.contains("nameservers"));
        assertTrue(y.contains("- \"10.0.0.3/24\"\n"));
    }

    @Test
    void anAddressHeldTwiceIsConfiguredOnce() {
        GuestNetworkConfig c = GuestNetworkConfig.of("02:00:00:00:00:01",
                List.of(line("ip=10.0.0.2/24,gw=10.0.0.1"), line("ip=10.0.0.2/24")), List.of());
        assertEquals(1, c.addresses().size());
    }

    @Test
    void nothingButTypedValuesReachTheYaml() {
        DomainException dns = assertThrows(DomainException.class, () -> GuestNetworkConfig.of("02:00:00:00:00:01",
                List.of(line("ip=10.0.0.2/24")), List.of("1.1.1.1\"\n    addresses: [\"6.6.6.6/32\"]")));
        assertEquals(Optional.of("vm.dns1"), dns.field());
        DomainException mac = assertThrows(DomainException.class, () -> GuestNetworkConfig.of(
                "02:00:00:00:00:01\nversion: 1", List.of(line("ip=10.0.0.2/24")), List.of()));
        assertEquals(Optional.of("net0"), mac.field());
        assertThrows(DomainException.class, () -> GuestNetworkConfig.of("03:00:00:00:00:01",
                List.of(line("ip=10.0.0.2/24")), List.of()), "a multicast MAC matches no NIC");
        assertThrows(DomainException.class, () -> GuestNetworkConfig.of("02:00:00:00:00:01", List.of(), List.of()));
    }

    @Test
    void theMacOfAPveNic() {
        assertEquals(Optional.of("BC:24:11:00:00:01"),
                GuestNetworkConfig.macOf("virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1"));
        assertEquals(Optional.of("BC:24:11:00:00:02"), GuestNetworkConfig.macOf("model=e1000=BC:24:11:00:00:02"));
        assertEquals(Optional.empty(), GuestNetworkConfig.macOf("virtio,bridge=vmbr0"));
        assertEquals(Optional.empty(), GuestNetworkConfig.macOf(null));
    }

    @Test
    void fileAndCicustomComeFromTheVmidAndACheckedStorage() {
        assertEquals("ams-vm-4100-network.yaml", GuestNetworkConfig.fileName(4100));
        assertEquals("network=local:snippets/ams-vm-4100-network.yaml", GuestNetworkConfig.cicustom("local", 4100));
        assertThrows(DomainException.class, () -> GuestNetworkConfig.cicustom("local,user=x", 4100));
        assertThrows(DomainException.class, () -> GuestNetworkConfig.fileName(99));
    }

    @Test
    void onlyALinuxVmWithExtraAddressesGetsTheFile() {
        VmBlueprint multi = VmBlueprintTest.linux("local-lvm", "vmbr0", "local:import/debian-12.qcow2", null);
        String y = multi.guestNetwork("02:00:00:00:00:01").orElseThrow().render();
        assertTrue(y.contains("\"192.0.2.10/24\"") && y.contains("\"192.0.2.11/24\"") && y.contains("\"1.1.1.1\""));
        assertFalse(y.contains(multi.hostname()), "the hostname is not part of the network file");

        VmBlueprint single = new VmBlueprint(7, 3, 4100, "web-1", 2, 2, 2048, "host", null, true, true, true,
                "x86_64", true, 1024, 0, "local-lvm", 40, null, null, "vmbr0",
                new TreeMap<>(Map.of(1, "ip=192.0.2.10/24,gw=192.0.2.1,ip6=2001:db8::2/64")), "1.1.1.1",
                "local:import/debian-12.qcow2", "debian-12.qcow2", "linux", "root");
        assertFalse(single.hasExtraAddresses());
        assertEquals(Optional.empty(), single.guestNetwork("02:00:00:00:00:01"));

        VmBlueprint windows = new VmBlueprint(8, 3, 4101, "win-1", 1, 4, 4096, "host", null, true, true, true,
                "x86_64", false, 1024, 0, "local-lvm", 60, null, null, "vmbr0",
                new TreeMap<>(Map.of(1, "ip=192.0.2.20/24", 2, "ip=192.0.2.21/24")), null, "local:import/win.qcow2",
                "win2022.qcow2", "windows", "administrator");
        assertTrue(windows.hasExtraAddresses());
        assertEquals(Optional.empty(), windows.guestNetwork("02:00:00:00:00:01"));
    }
}
