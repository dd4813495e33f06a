package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.NodeShellException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlPolicyTest {

    /** Test DNS: a few fixed answers, "localhost" from the real resolver, anything else unknown. */
    static UrlPolicy.Resolver resolver(Map<String, String> answers) {
        return host -> {
            if (host.equals("localhost")) {
                return InetAddress.getAllByName(host);
            }
            String a = answers.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            String[] parts = a.split(",");
            InetAddress[] out = new InetAddress[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = InetAddress.getByName(parts[i]);
            }
            return out;
        };
    }

    private final UrlPolicy strict = new UrlPolicy(false, resolver(Map.of(
            "images.example.org", "93.184.216.34",
            "v6.example.org", "2606:2800:220:1:248:1893:25c8:1946",
            "rebind.example.org", "127.0.0.1",
            "metadata.example.org", "169.254.169.254",
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
    void curlGetsTheUrlRebuiltFromTheCheckedParts() {
        assertEquals("https://images.example.org/a%20b.qcow2?x=1",
                strict.check("HTTPS://images.example.org/a%20b.qcow2?x=1#@127.0.0.1").url());
        assertEquals("http://images.example.org:8080/", strict.check("http://images.example.org:8080").url());
        assertEquals("http://[2606:4700::1111]/x", strict.check("http://[2606:4700::1111]/x").url());
    }

    @Test
    void refusesInternalTargetsByDefault() {
        for (String url : List.of(
                "http://127.0.0.1/x", "http://127.8.9.10:8006/", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/x", "http://10.255.1.2/x", "http://172.16.0.1/", "http://172.31.255.255/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://100.127.255.254/", "http://0.0.0.0/",
                "http://224.0.0.1/", "http://255.255.255.255/",
                "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a00:1]/",
                "http://[2002:c0a8:101::1]/",
                "http://localhost/x", "http://rebind.example.org/x", "http://metadata.example.org/",
                "http://mixed.example.org/")) {
            NodeShellException e = assertThrows(NodeShellException.class, () -> strict.check(url), url);
            assertEquals(NodeShellException.Kind.REFUSED_URL, e.kind(), url);
        }
    }

    @Test
    void publicNeighboursOfPrivateRangesAreFine() {
        for (String url : List.of("http://172.32.0.1/", "http://172.15.255.1/", "http://100.128.0.1/",
                "http://192.169.0.1/", "http://11.0.0.1/", "http://[2606:4700::1111]/")) {
            strict.check(url);
        }
    }

    @Test
    void refusesOtherSchemesCredentialsAndOddHosts() {
        for (String url : List.of("file:///etc/passwd", "ftp://images.example.org/x", "gopher://images.example.org/",
                "dict://images.example.org:11211/", "//images.example.org/x", "images.example.org/x",
                "https://user:pw@images.example.org/x", "http://2130706433/", "http://0x7f.1/", "http://127.1/",
                "http://017700000001/", "http://unknown.example.org/", "http://[fe80::1%25eth0]/",
                "http://images.example.org\n.evil/", "http://bad host/", "")) {
            NodeShellException e = assertThrows(NodeShellException.class, () -> strict.check(url), url);
            assertEquals(NodeShellException.Kind.REFUSED_URL, e.kind(), url);
        }
    }

    @Test
    void operatorMayAllowPrivateTargetsButNotOtherSchemes() {
        UrlPolicy lax = new UrlPolicy(true, resolver(Map.of("mirror.lan", "10.1.2.3")));
        assertEquals("mirror.lan:80:10.1.2.3", lax.check("http://mirror.lan/x.qcow2").curlResolve());
        lax.check("http://127.0.0.1:8080/x");
        assertThrows(NodeShellException.class, () -> lax.check("file:///etc/shadow"));
    }
}
