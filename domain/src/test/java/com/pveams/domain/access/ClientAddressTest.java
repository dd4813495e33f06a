package com.pveams.domain.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {
    @Test
    void ipv4CountsPerAddress() {
        assertEquals("203.0.113.7", ClientAddress.throttleKey("203.0.113.7"));
        assertEquals("203.0.113.7", ClientAddress.throttleKey("::ffff:203.0.113.7"));
    }

    @Test
    void anIpv6HostCountsAsItsWhole64() {
        String key = ClientAddress.throttleKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertEquals("2001:0db8:0001:0002::/64", key);
        assertEquals(key, ClientAddress.throttleKey("2001:DB8:1:2::1"));
        assertEquals(key, ClientAddress.throttleKey("[2001:db8:1:2::ffff]"));
        assertEquals(key, ClientAddress.throttleKey("2001:db8:1:2::1%eth0"));
        assertEquals("0000:0000:0000:0000::/64", ClientAddress.throttleKey("::1"));
    }

    @Test
    void anythingElseCountsAsWrittenBoundedAndWithoutALookup() {
        assertEquals("unknown", ClientAddress.throttleKey(null));
        assertEquals("unknown", ClientAddress.throttleKey("  "));
        assertEquals("proxy.example:80", ClientAddress.throttleKey("proxy.example:80"));
        assertEquals("12:zz", ClientAddress.throttleKey("12:zz"));
        assertEquals(ClientAddress.MAX_KEY_LENGTH, ClientAddress.throttleKey("1:".repeat(100)).length());
    }
}
