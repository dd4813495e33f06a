package com.pveams.domain.network;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressTest {
    private static IpAddress ip(String s) {
        return IpAddress.parse(s, "ip");
    }

    @Test
    void parsesAndFormatsIpv4() {
        IpAddress a = ip(" 23.94.247.33 ");
        assertEquals(4, a.version());
        assertEquals(BigInteger.valueOf(0x175EF721L), a.value());
        assertEquals("23.94.247.33", a.toString());
        assertEquals("0.0.0.0", ip("0.0.0.0").toString());
        assertEquals("255.255.255.255", ip("255.255.255.255").toString());
        assertTrue(ip("0.0.0.0").isUnspecified());
    }

    @Test
    void parsesIpv6AndFormatsItAsRfc5952() {
        assertEquals("2001:db8::1", ip("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("::", ip("::").toString());
        assertEquals("::1", ip("::1").toString());
        assertEquals("fe80::", ip("fe80::").toString());
        // a single zero group is not compressed; the longest run is, the first of equal runs
        assertEquals("2001:db8:0:1:1:1:1:1", ip("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:0:0:1::1", ip("2001:0:0:1:0:0:0:1").toString());
        assertEquals("2001:db8::1:0:0:1", ip("2001:db8:0:0:1:0:0:1").toString());
        assertEquals("::ffff:c000:280", ip("::ffff:192.0.2.128").toString());
        assertEquals("1:2:3:4:5:6:c000:280", ip("1:2:3:4:5:6:192.0.2.128").toString());
        assertEquals(6, ip("::").version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..3.4", "1.2.3.4/24",
            "a.b.c.d", "1.2.3.٤", "localhost", "example.com", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3",
            ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::", "g::1", "fe80::1%eth0", "[::1]", "1.2.3.4::",
            "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3.04", "２::1", "1 .2.3.4"})
    void refusesAnythingButALiteral(String text) {
        DomainException e = assertThrows(DomainException.class, () -> ip(text));
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals("ip", e.field().orElseThrow());
    }

    @Test
    void blankIsRequiredAndOptionalParsingTreatsItAsAbsent() {
        assertEquals("ip", assertThrows(DomainException.class, () -> ip(" ")).field().orElseThrow());
        assertEquals(null, IpAddress.parseOptional("", "dns2"));
        assertEquals(null, IpAddress.parseOptional(null, "dns2"));
        assertThrows(DomainException.class, () -> ip("1".repeat(100)));
    }

    @Test
    void ordersByFamilyThenValueAndMovesWithinItsSpace() {
        assertTrue(ip("10.0.0.2").compareTo(ip("10.0.0.10")) < 0);
        assertTrue(ip("255.255.255.255").compareTo(ip("::")) < 0);
        assertEquals(ip("10.0.1.0"), ip("10.0.0.255").plus(1).orElseThrow());
        assertTrue(ip("255.255.255.255").plus(1).isEmpty());
        assertTrue(ip("0.0.0.0").plus(-1).isEmpty());
        assertEquals(ip("2001:db8::1:0"), ip("2001:db8::ffff").plus(1).orElseThrow());
    }

    @Test
    void sameValueInAnotherFamilyIsAnotherAddress() {
        assertTrue(!IpAddress.of(4, BigInteger.ONE).equals(IpAddress.of(6, BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.of(4, BigInteger.ONE.shiftLeft(32)));
    }
}
