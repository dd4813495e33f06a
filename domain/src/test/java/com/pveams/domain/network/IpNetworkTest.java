package com.pveams.domain.network;

import com.pveams.domain.error.DomainException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpNetworkTest {
    private static IpAddress ip(String s) {
        return IpAddress.parse(s, "ip");
    }

    private static IpNetwork net(String gateway, int prefix) {
        return IpNetwork.containing(ip(gateway), prefix);
    }

    @Test
    void a24HasItsNetworkBroadcastAnd254Hosts() {
        IpNetwork n = net("192.168.1.77", 24);
        assertEquals("192.168.1.0/24", n.toString());
        assertEquals(ip("192.168.1.0"), n.network());
        assertEquals(ip("192.168.1.255"), n.last());
        assertEquals(ip("192.168.1.1"), n.firstUsable());
        assertEquals(ip("192.168.1.254"), n.lastUsable());
        assertEquals(BigInteger.valueOf(254), n.usableCount());
        assertEquals("255.255.255.0", n.subnetMask());
        assertTrue(n.isUsable(ip("192.168.1.1")));
        assertFalse(n.isUsable(ip("192.168.1.0")));
        assertFalse(n.isUsable(ip("192.168.1.255")));
        assertFalse(n.isUsable(ip("192.168.2.1")));
    }

    @Test
    void contractExample28() {
        IpNetwork n = net("23.94.247.33", 28);
        assertEquals("23.94.247.32/28", n.toString());
        assertEquals("255.255.255.240", n.subnetMask());
        assertEquals(ip("23.94.247.46"), n.lastUsable());
        assertEquals(BigInteger.valueOf(14), n.usableCount());
    }

    @Test
    void a30HasTwoHostsA31Both_Rfc3021_AndA32ItsOnlyAddress() {
        IpNetwork n30 = net("10.0.0.5", 30);
        assertEquals(ip("10.0.0.5"), n30.firstUsable());
        assertEquals(ip("10.0.0.6"), n30.lastUsable());
        IpNetwork n31 = net("10.0.0.5", 31);
        assertEquals(ip("10.0.0.4"), n31.firstUsable());
        assertEquals(ip("10.0.0.5"), n31.lastUsable());
        assertEquals(BigInteger.TWO, n31.usableCount());
        assertTrue(n31.whyUnusable(ip("10.0.0.4")).isEmpty());
        IpNetwork n32 = net("10.0.0.5", 32);
        assertEquals(BigInteger.ONE, n32.usableCount());
        assertEquals("255.255.255.255", n32.subnetMask());
    }

    @Test
    void ipv6ReservesOnlyTheSubnetRouterAnycastAddress() {
        IpNetwork n = net("2001:db8:1:2::1", 64);
        assertEquals("2001:db8:1:2::/64", n.toString());
        assertEquals("64", n.subnetMask());
        assertEquals(ip("2001:db8:1:2::1"), n.firstUsable());
        assertEquals(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), n.lastUsable());
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), n.usableCount());
        assertTrue(n.whyUnusable(ip("2001:db8:1:2::")).isPresent());
        assertEquals(BigInteger.TWO, net("2001:db8::1", 127).usableCount());
        assertEquals(BigInteger.ONE, net("2001:db8::1", 128).usableCount());
    }

    @Test
    void containmentAndOverlapStayWithinAFamily() {
        IpNetwork big = net("10.0.0.1", 16);
        IpNetwork small = net("10.0.200.1", 24);
        assertTrue(big.overlaps(small));
        assertTrue(small.overlaps(big));
        assertFalse(net("10.1.0.1", 24).overlaps(small));
        assertFalse(net("::a00:1", 112).contains(ip("10.0.0.1")));
        assertFalse(net("::", 0).overlaps(net("0.0.0.0", 0)));
        assertTrue(net("0.0.0.0", 0).contains(ip("255.255.255.255")));
    }

    @Test
    void netmaskAndPrefixConvertBothWays() {
        for (int p = 0; p <= 32; p++) {
            String mask = net("10.0.0.1", p).subnetMask();
            assertEquals(p, IpNetwork.prefixOfNetmask(mask, "subnetMask"));
        }
        assertEquals("subnetMask", assertThrows(DomainException.class,
                () -> IpNetwork.prefixOfNetmask("255.0.255.0", "subnetMask")).field().orElseThrow());
        assertThrows(DomainException.class, () -> IpNetwork.prefixOfNetmask("ffff::", "subnetMask"));
    }
}
