package com.pveams.domain.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.network.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmReadRulesTest {

    private static void refused(String field, Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals(field, e.field().orElse(null));
    }

    @Test
    void statusCodesAreTheLegacyNumbers() {
        assertEquals(VmState.RUNNING, VmState.ofCode(0, "status"));
        assertEquals(VmState.OVER_QUOTA, VmState.ofCode(15, "status"));
        assertEquals(13, VmState.REINSTALLING.code());
        refused("status", () -> VmState.ofCode(16, "status"));
        refused("status", () -> VmState.ofCode(-1, "status"));
        refused("status", () -> VmState.ofCode(null, "status"));
    }

    @Test
    void ipConfigLinesParseAndRenderTheSameText() {
        IpConfigLine l = IpConfigLine.parse("ip=192.168.36.3/24,gw=192.168.36.2").orElseThrow();
        assertEquals("ip=192.168.36.3/24,gw=192.168.36.2", l.render());
        assertEquals(24, l.v4().orElseThrow().prefixLength());
        IpConfigLine dual = IpConfigLine.parse("ip=10.0.0.5/32,gw=10.0.0.1,ip6=2001:db8::5/64,gw6=2001:db8::1").orElseThrow();
        assertEquals(2, dual.assignments().size());
        assertEquals("ip=10.0.0.5/32,gw=10.0.0.1,ip6=2001:db8::5/64,gw6=2001:db8::1", dual.render());
        IpConfigLine built = IpConfigLine.of(new IpConfigLine.Assignment(IpAddress.parse("203.0.113.9", "ip"), 24,
                IpAddress.parse("203.0.113.1", "gw")), null);
        assertEquals("ip=203.0.113.9/24,gw=203.0.113.1", built.render());
    }

    @Test
    void ipConfigLinesThatAreNotStaticAddressesAreNotRead() {
        for (String text : List.of("ip=dhcp", "ip6=auto", "ip=10.0.0.5", "ip=10.0.0.5/24,gw=10.0.0.1,gw=10.0.0.2",
                "ip=10.0.0.5/24,bridge=vmbr1", "ip=10.0.0.5/33", "ip=2001:db8::1/64", "gw=10.0.0.1", "", "junk")) {
            assertTrue(IpConfigLine.parse(text).isEmpty(), text);
        }
        assertThrows(IllegalArgumentException.class, () -> IpConfigLine.of(null, null));
        assertThrows(IllegalArgumentException.class, () -> new IpConfigLine.Assignment(
                IpAddress.parse("10.0.0.1", "ip"), 24, IpAddress.parse("2001:db8::1", "gw")));
    }

    @Test
    void guestNetworkDerivesIpDataAndIpListInSlotOrder() {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("10", "ip=10.0.0.10/24,gw=10.0.0.1");
        stored.put("2", "ip=dhcp");
        stored.put("1", "ip=192.168.36.3/24,gw=192.168.36.2,ip6=2001:db8::3/64,gw6=2001:db8::1");
        GuestNetwork n = GuestNetwork.of(stored);
        assertEquals(List.of("1", "2", "10"), List.copyOf(n.ipConfig().keySet()));
        assertEquals("ip=dhcp", n.ipConfig().get("2"), "shown as stored even when not understood");
        assertEquals(List.of("192.168.36.3", "2001:db8::3", "10.0.0.10"), n.ipList());
        assertEquals(new GuestNetwork.AddressEntry("192.168.36.3", 4, 24, "192.168.36.2"), n.ipData().get(0));
        assertEquals(new GuestNetwork.AddressEntry("2001:db8::3", 6, 64, "2001:db8::1"), n.ipData().get(1));
        assertTrue(GuestNetwork.of(null).ipConfig().isEmpty());
        assertTrue(GuestNetwork.of(Map.of()).ipList().isEmpty());
    }

    @Test
    void searchAcceptsOnlyTheLegacyColumnsWithParsedValues() {
        assertEquals(new VmSearch(VmSearch.Field.HOSTNAME, "web-01", 0), VmSearch.of("hostname", " Web-01 "));
        assertEquals(new VmSearch(VmSearch.Field.VMID, null, 103), VmSearch.of("vmid", "103"));
        assertEquals(new VmSearch(VmSearch.Field.NODE, null, 7), VmSearch.of("nodeId", "7"));
        assertEquals(new VmSearch(VmSearch.Field.STATUS, null, 1), VmSearch.of("status", "1"));
        assertEquals(new VmSearch(VmSearch.Field.IP, "2001:db8::5", 0), VmSearch.of("ip", "2001:DB8:0::5"));
        refused("param", () -> VmSearch.of(null, "x"));
        refused("param", () -> VmSearch.of("password", "x"));
        refused("param", () -> VmSearch.of("hostname; DROP TABLE vm", "x"));
        refused("value", () -> VmSearch.of("hostname", " "));
        refused("value", () -> VmSearch.of("vmid", "99"));
        refused("value", () -> VmSearch.of("vmid", "abc"));
        refused("value", () -> VmSearch.of("nodeid", "0"));
        refused("value", () -> VmSearch.of("status", "16"));
        refused("value", () -> VmSearch.of("ip", "10.0.0.300"));
        refused("value", () -> VmSearch.of("hostname", "a".repeat(254)));
    }
}
