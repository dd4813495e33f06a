package com.pveams.adapters.net;

import com.pveams.adapters.net.RefusedUrlException.Reason;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlPolicyTest {

    private final UrlPolicy strict = new UrlPolicy(false, TestDns.resolver(Map.of(
            "images.example.org", "93.184.216.34",
            "v6.example.org", "2606:2800:220:1:248:1893:25c8:1946",
            "rebind.example.org", "127.0.0.1",
            "metadata.example.org", "169.254.169.254",
            "cgnat.example.org", "100.64.1.1",
            "ula.example.org", "fd00::1",
            "mapped.example.org", "::ffff:10.0.0.1",
            "mixed.example.org", "93.184.216.34,10.0.0.7")));

    @Test
    void acceptsPublicHttpAndHttpsAndPinsTheResolvedAddress() {
        UrlPolicy.Target t = strict.check("https://images.example.org/debian-12.qcow2");
        assertEquals("images.example.org", t.host());
        assertEquals(443, t.port());
        assertEquals("images.example.org:443:93.184.216.34", t.curlResolve());
        assertFalse(t.literal());

        UrlPolicy.Target plain = strict.check("http://images.example.org:8080/x.img");
        assertEquals("images.example.org:8080:93.184.216.34", plain.curlResolve());

        assertEquals("v6.example.org:443:[2606:2800:220:1:248:1893:25c8:1946]",
                strict.check("https://v6.example.org/x").curlResolve());
        assertTrue(strict.check("http://93.184.216.34/x").literal());
    }

    @Test
    void theUrlHandedOnIsRebuiltFromTheCheckedParts() {
        assertEquals("https://images.example.org/a%20b.qcow2?x=1",
                strict.check("HTTPS://images.example.org/a%20b.qcow2?x=1#@127.0.0.1").url());
        assertEquals("http://images.example.org:8080/", strict.check("http://images.example.org:8080").url());
        assertEquals("http://images.example.org/x", strict.check("http://images.example.org:/x").url());
        assertEquals("http://[2606:4700::1111]/x", strict.check("http://[2606:4700::1111]/x").url());
    }

    @Test
    void aTrailingDotIsTheSameHostForThePolicyThePinAndTheUrl() {
        UrlPolicy.Target t = strict.check("https://Images.Example.ORG./debian-12.qcow2");
        assertEquals("images.example.org", t.host());
        assertEquals("https://images.example.org/debian-12.qcow2", t.url());
        assertEquals("images.example.org:443:93.184.216.34", t.curlResolve());

        // and the dot does not get an internal target past the rule
        assertEquals(Reason.INTERNAL_ADDRESS, reason("http://rebind.example.org./x"));
        assertEquals(Reason.INTERNAL_ADDRESS, reason("http://localhost./x"));
        assertEquals(Reason.INTERNAL_ADDRESS, reason("http://127.0.0.1./x"));
        assertEquals(Reason.HOST, reason("http://images.example.org../x"));
        assertEquals(Reason.HOST, reason("http://./x"));
    }

    @Test
    void refusesInternalTargetsByDefault() {
        for (String url : List.of(
                "http://127.0.0.1/x", "http://127.8.9.10:8006/", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/x", "http://10.255.1.2/x", "http://172.16.0.1/", "http://172.31.255.255/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://100.127.255.254/", "http://0.0.0.0/",
                "http://192.0.0.8/", "http://198.18.0.1/", "http://198.19.255.1/",
                "http://224.0.0.1/", "http://240.0.0.1/", "http://255.255.255.255/",
                "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
                "http://[fec0::1]/", "http://[ff02::1]/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/", "http://[::ffff:10.1.2.3]/",
                "http://[::127.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/",
                "http://localhost/x", "http://rebind.example.org/x", "http://metadata.example.org/",
                "http://cgnat.example.org/", "http://ula.example.org/", "http://mapped.example.org/",
                "http://mixed.example.org/")) {
            assertEquals(Reason.INTERNAL_ADDRESS, reason(url), url);
        }
    }

    @Test
    void publicNeighboursOfPrivateRangesAreFine() {
        for (String url : List.of("http://172.32.0.1/", "http://172.15.255.1/", "http://100.128.0.1/",
                "http://100.63.255.1/", "http://192.169.0.1/", "http://11.0.0.1/", "http://198.20.0.1/",
                "http://[2606:4700::1111]/", "http://[2002:5db8:d822::1]/", "http://[::ffff:93.184.216.34]/")) {
            strict.check(url);
        }
    }

    @Test
    void refusesNumericHostsThatAreNotADottedQuad() {
        // decimal, octal, hex and short forms: curl, browsers and inet_aton read them as 127.0.0.1 (or similar)
        for (String url : List.of("http://2130706433/", "http://017700000001/", "http://0177.0.0.1/",
                "http://0x7f.0.0.1/", "http://0x7f000001/", "http://127.1/", "http://127.0.1/",
                "http://127.000.000.001/", "http://1.2.3.0x4/", "http://10.0.0.010/", "http://0x/",
                "http://images.example.org.123/")) {
            assertEquals(Reason.NUMERIC_HOST, reason(url), url);
        }
    }

    @Test
    void eachRefusalNamesItsReason() {
        Map<String, Reason> cases = new LinkedHashMap<>();
        cases.put("", Reason.MALFORMED);
        cases.put("http://images.example.org/" + "a".repeat(5000), Reason.MALFORMED);
        cases.put("http://bad host/", Reason.MALFORMED);
        cases.put("http://images.example.org\n.evil/", Reason.MALFORMED);
        cases.put("http://127.0.0.1\\@images.example.org/", Reason.MALFORMED);
        cases.put("file:///etc/passwd", Reason.SCHEME);
        cases.put("ftp://images.example.org/x", Reason.SCHEME);
        cases.put("gopher://images.example.org/", Reason.SCHEME);
        cases.put("dict://images.example.org:11211/", Reason.SCHEME);
        cases.put("ldap://images.example.org/", Reason.SCHEME);
        cases.put("//images.example.org/x", Reason.SCHEME);
        cases.put("images.example.org/x", Reason.SCHEME);
        cases.put("https://user:pw@images.example.org/x", Reason.USERINFO);
        cases.put("https://images.example.org@127.0.0.1/x", Reason.USERINFO);
        cases.put("https://@images.example.org/x", Reason.USERINFO);
        cases.put("http:///x", Reason.HOST);
        cases.put("http://%31%32%37.0.0.1/", Reason.HOST);
        cases.put("http://under_score.example.org/", Reason.HOST);
        cases.put("http://[fe80::1%25eth0]/", Reason.HOST);
        cases.put("http://[127.0.0.1]/", Reason.MALFORMED); // java.net.URI already refuses it
        cases.put("http://images.example.org:0/", Reason.PORT);
        cases.put("http://images.example.org:65536/", Reason.PORT);
        cases.put("http://images.example.org:99999999999/", Reason.PORT);
        cases.put("http://unknown.example.org/", Reason.UNRESOLVABLE);
        cases.forEach((url, expected) -> assertEquals(expected, reason(url), url));
    }

    @Test
    void theAddressConnectedToMustBeThePinnedOne() {
        UrlPolicy.Target t = strict.check("https://images.example.org/x");
        t.requireConnectedTo("93.184.216.34");
        t.requireConnectedTo("93.184.216.34\n");
        for (String seen : List.of("10.0.0.1", "", "images.example.org", "93.184.216.35", "::1")) {
            RefusedUrlException e = assertThrows(RefusedUrlException.class, () -> t.requireConnectedTo(seen), seen);
            assertEquals(Reason.ADDRESS_MISMATCH, e.reason(), seen);
            assertTrue(e.getMessage().contains("93.184.216.34"), e.getMessage());
        }
        assertEquals(Reason.ADDRESS_MISMATCH,
                assertThrows(RefusedUrlException.class, () -> t.requireConnectedTo(null)).reason());

        // IPv6 as curl prints it (compressed, no brackets) and in another spelling
        UrlPolicy.Target v6 = strict.check("https://v6.example.org/x");
        v6.requireConnectedTo("2606:2800:220:1:248:1893:25c8:1946");
        v6.requireConnectedTo("2606:2800:0220:0001:0248:1893:25C8:1946");
    }

    @Test
    void operatorMayAllowPrivateTargetsButNotTheOtherRules() {
        UrlPolicy lax = new UrlPolicy(true, TestDns.resolver(Map.of("mirror.lan", "10.1.2.3")));
        assertEquals("mirror.lan:80:10.1.2.3", lax.check("http://mirror.lan/x.qcow2").curlResolve());
        lax.check("http://127.0.0.1:8080/x");
        assertEquals(Reason.SCHEME, assertThrows(RefusedUrlException.class,
                () -> lax.check("file:///etc/shadow")).reason());
        assertEquals(Reason.NUMERIC_HOST, assertThrows(RefusedUrlException.class,
                () -> lax.check("http://0x7f.1/")).reason());
        assertEquals(Reason.USERINFO, assertThrows(RefusedUrlException.class,
                () -> lax.check("http://u:p@mirror.lan/")).reason());
    }

    private Reason reason(String url) {
        return assertThrows(RefusedUrlException.class, () -> strict.check(url), url).reason();
    }
}
