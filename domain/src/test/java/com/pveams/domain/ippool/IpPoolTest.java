package com.pveams.domain.ippool;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.network.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpPoolTest {
    private static IpAddress ip(String s) {
        return s == null ? null : IpAddress.parse(s, "ip");
    }

    private static IpPool pool(String gateway, int mask) {
        return IpPool.define("pool", 1, ip(gateway), mask, ip(gateway.contains(":") ? "2001:4860:4860::8888" : "8.8.8.8"), null);
    }

    private static void refused(String field, Executable e) {
        DomainException ex = assertThrows(DomainException.class, e);
        assertEquals(ErrorCode.VALID_DATA_ERROR, ex.code());
        assertEquals(field, ex.field().orElseThrow(), ex.getMessage());
    }

    @Test
    void a24ListsEveryHostButTheGateway() {
        AddressRange r = pool("192.168.1.1", 24).initialAddresses().orElseThrow();
        assertEquals(ip("192.168.1.1"), r.first());
        assertEquals(ip("192.168.1.254"), r.last());
        assertEquals(253, r.count());
        assertEquals(253, r.span());
    }

    @Test
    void a30HasOneAddressBesideItsGatewayAndA31One_Rfc3021() {
        assertEquals(1, pool("10.0.0.1", 30).initialAddresses().orElseThrow().count());
        AddressRange r31 = pool("10.0.0.1", 31).initialAddresses().orElseThrow();
        assertEquals(ip("10.0.0.0"), r31.first());
        assertEquals(1, r31.count());
    }

    @Test
    void a32IsARoutedPoolThatStartsEmptyAndTakesRangesFromAnywhereButItsGateway() {
        IpPool routed = pool("203.0.113.1", 32);
        assertTrue(routed.routed());
        assertTrue(routed.initialAddresses().isEmpty());
        assertEquals("255.255.255.255", routed.network().subnetMask());
        assertEquals(8, routed.range(ip("198.51.100.8"), ip("198.51.100.15")).count());
        refused("startIp", () -> routed.range(ip("203.0.113.1"), ip("203.0.113.4")));
        refused("endIp", () -> routed.range(ip("203.0.112.250"), ip("203.0.113.4")));
        refused("startIp", () -> routed.range(ip("0.0.0.0"), ip("0.0.0.4")));
        routed.moveGateway(ip("192.0.2.1"));
        assertEquals("192.0.2.1/32", routed.network().toString());
        assertFalse(pool("10.0.0.1", 31).routed());
    }

    @Test
    void a128HoldsOnlyItsGatewayAndIsRefused() {
        refused("mask", () -> pool("2001:db8::1", 128));
    }

    @Test
    void a16Is65533AddressesAndLargerIpv4PoolsAreRefused() {
        assertEquals(65_533, pool("10.1.0.1", 16).initialAddresses().orElseThrow().count());
        refused("mask", () -> pool("10.0.0.1", 15));
        refused("mask", () -> pool("10.0.0.1", 7));
        refused("mask", () -> pool("10.0.0.1", 33));
        refused("mask", () -> pool("2001:db8::1", 0));
    }

    @Test
    void theGatewayMustBeAHostOfItsNetwork() {
        refused("gateway", () -> pool("192.168.1.0", 24));
        refused("gateway", () -> pool("192.168.1.255", 24));
        refused("gateway", () -> pool("2001:db8::", 64));
        pool("192.168.1.0", 31); // RFC 3021: both addresses of a /31 are hosts
    }

    @Test
    void namesAndDnsAreChecked() {
        refused("poolName", () -> IpPool.define(" ", 1, ip("10.0.0.1"), 24, ip("8.8.8.8"), null));
        refused("poolName", () -> IpPool.define("x".repeat(65), 1, ip("10.0.0.1"), 24, ip("8.8.8.8"), null));
        refused("poolName", () -> IpPool.define("a\nb", 1, ip("10.0.0.1"), 24, ip("8.8.8.8"), null));
        refused("dns1", () -> IpPool.define("p", 1, ip("10.0.0.1"), 24, null, null));
        refused("dns1", () -> IpPool.define("p", 1, ip("10.0.0.1"), 24, ip("2001:db8::53"), null));
        refused("dns2", () -> IpPool.define("p", 1, ip("10.0.0.1"), 24, ip("8.8.8.8"), ip("0.0.0.0")));
        assertEquals("美国1", IpPool.define(" 美国1 ", 1, ip("10.0.0.1"), 24, ip("8.8.8.8"), null).name());
    }

    @Test
    void ipv6PoolsListNothingUpFrontAndCountTheirPrefix() {
        IpPool v6 = pool("2001:db8:1:2::1", 64);
        assertFalse(v6.enumeratesAddresses());
        assertTrue(v6.initialAddresses().isEmpty());
        BigInteger hosts = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO); // minus anycast and gateway
        assertEquals(hosts, v6.available(PoolUsage.NONE));
        assertEquals(hosts.subtract(BigInteger.valueOf(3)), v6.available(new PoolUsage(5, 2, 1, 0)));
        refused("poolId", () -> v6.range(ip("2001:db8:1:2::10"), ip("2001:db8:1:2::20")));
        assertEquals(BigInteger.valueOf(7), pool("10.0.0.1", 24).available(new PoolUsage(7, 3, 2, 0)));
    }

    @Test
    void aRangeMustLieInTheNetworkWithoutItsGatewayNetworkOrBroadcastAddress() {
        IpPool p = pool("192.168.1.1", 24);
        AddressRange r = p.range(ip("192.168.1.10"), ip("192.168.1.20"));
        assertEquals(11, r.count());
        assertEquals(1, p.range(ip("192.168.1.254"), ip("192.168.1.254")).count());
        refused("endIp", () -> p.range(ip("192.168.1.20"), ip("192.168.1.10")));
        refused("startIp", () -> p.range(ip("192.168.0.250"), ip("192.168.1.10")));
        refused("endIp", () -> p.range(ip("192.168.1.250"), ip("192.168.2.10")));
        refused("startIp", () -> p.range(ip("192.168.1.0"), ip("192.168.1.10")));
        refused("endIp", () -> p.range(ip("192.168.1.250"), ip("192.168.1.255")));
        refused("startIp", () -> p.range(ip("192.168.1.1"), ip("192.168.1.10")));
        IpPool mid = pool("192.168.1.100", 24);
        refused("endIp", () -> mid.range(ip("192.168.1.50"), ip("192.168.1.150")));
        refused("startIp", () -> p.range(ip("2001:db8::1"), ip("192.168.1.10")));
    }

    @Test
    void aRangesDnsMustBeThePools() {
        IpPool p = IpPool.define("p", 1, ip("10.0.0.1"), 24, ip("114.114.114.114"), ip("8.8.8.8"));
        p.requireSameDns(ip("114.114.114.114"), ip("8.8.8.8"));
        p.requireSameDns(null, null);
        refused("dns1", () -> p.requireSameDns(ip("1.1.1.1"), null));
        refused("dns2", () -> p.requireSameDns(null, ip("1.1.1.1")));
    }

    @Test
    void editsKeepTheNetworkAndTheNode() {
        IpPool p = pool("10.0.0.1", 24);
        p.requireSameNetwork(24, 1L);
        p.requireSameNetwork(null, null);
        refused("mask", () -> p.requireSameNetwork(25, null));
        refused("nodeid", () -> p.requireSameNetwork(null, 2L));
        p.moveGateway(ip("10.0.0.254"));
        assertEquals(ip("10.0.0.254"), p.gateway());
        refused("gateway", () -> p.moveGateway(ip("10.0.1.1")));
        refused("gateway", () -> p.moveGateway(ip("10.0.0.255")));
        p.rename("new");
        assertEquals("new", p.name());
        refused("name", () -> p.rename(""));
        p.changeDns(ip("1.1.1.1"), null);
        assertEquals(ip("1.1.1.1"), p.dns1());
        assertEquals(ip("8.8.8.8"), pool("10.0.0.1", 24).dns1());
        refused("dns2", () -> p.changeDns(null, ip("::1")));
        assertTrue(p.enumeratesAddresses());
    }
}
