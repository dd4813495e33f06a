package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a node may download from a URL, and pins the address it may use.
 *
 * <p>Only {@code http} and {@code https}, no user-info, a host that is a DNS name or a plain IP literal. The host is
 * resolved here and every address must be public unless private targets are allowed: loopback, unspecified,
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7, fec0::/10), CGNAT (100.64/10), 0/8, multicast, 240/4 and broadcast are refused, and IPv6 forms that embed
 * an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
 *
 * <p>The chosen address is handed to curl with {@code --resolve}, so the node connects to exactly the address that
 * was checked (a DNS answer that changes between check and use, "DNS rebinding", has no effect).
 */
public final class UrlPolicy {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_RESOLVER = InetAddress::getAllByName;

    private static final int MAX_URL_LENGTH = 4096;
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern ALL_DIGITS_LABEL = Pattern.compile("(?:.*\\.)?[0-9]+\\.?");

    /**
     * A URL that passed the policy.
     *
     * @param url     the URL to hand to curl, rebuilt from the checked parts (scheme in lower case, no fragment)
     * @param host    host as it appears in the URL (IPv6 without brackets)
     * @param port    explicit port or the scheme's default
     * @param address the checked address the download must use
     * @param literal whether the host is an IP literal (then there is nothing to resolve)
     */
    public record Target(String url, String host, int port, InetAddress address, boolean literal) {
        /** curl's {@code --resolve} value {@code host:port:address}, IPv6 addresses in brackets. */
        public String curlResolve() {
            String a = address.getHostAddress();
            if (address instanceof Inet6Address) {
                int zone = a.indexOf('%');
                a = "[" + (zone >= 0 ? a.substring(0, zone) : a) + "]";
            }
            return host + ":" + port + ":" + a;
        }
    }

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    public UrlPolicy(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    public Target check(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw refused("the URL is empty or too long");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("the URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https URLs can be downloaded");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("credentials in the URL are not accepted");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw refused("the URL has no valid host");
        }
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();

        boolean literal;
        InetAddress[] addresses;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf('%') >= 0) {
                throw refused("IPv6 zone identifiers are not accepted");
            }
            addresses = new InetAddress[] {literal(host)};
            literal = true;
        } else if (IPV4.matcher(host).matches()) {
            addresses = new InetAddress[] {literal(host)};
            literal = true;
        } else if (DNS_NAME.matcher(host).matches() && !ALL_DIGITS_LABEL.matcher(host).matches()) {
            // The last-label rule keeps out numeric forms like 2130706433 or 0x7f.1 that resolvers and curl may
            // read differently.
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw refused("the host " + host + " does not resolve");
            }
            if (addresses == null || addresses.length == 0) {
                throw refused("the host " + host + " does not resolve");
            }
            literal = false;
        } else {
            throw refused("the URL host is neither a DNS name nor a plain IP address");
        }

        if (!allowPrivateTargets) {
            for (InetAddress a : addresses) {
                if (isInternal(a)) {
                    throw refused("the host " + host + " resolves to " + a.getHostAddress()
                            + ", a loopback, link-local, private or reserved address");
                }
            }
        }
        // curl gets the URL rebuilt from the parts checked here (no user-info, no fragment), so it cannot read a
        // different host out of it than the one that was resolved and pinned.
        String hostInUrl = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String rebuilt = scheme + "://" + hostInUrl + (uri.getPort() == -1 ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Target(rebuilt, host, port, addresses[0], literal);
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // an IP literal: no lookup happens
        } catch (UnknownHostException e) {
            throw refused("the URL host is not a valid IP address");
        }
    }

    /** Whether an address is one a download must not reach by default. */
    public static boolean isInternal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isInternalV4(b, 0);
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return true; // fc00::/7 unique local
        }
        if (zero(b, 0, 10)) {
            boolean compatible = (b[10] | b[11]) == 0;
            boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (compatible || mapped) {
                return isInternalV4(b, 12); // ::a.b.c.d, ::ffff:a.b.c.d (and ::, ::1)
            }
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return isInternalV4(b, 12); // 64:ff9b::/96 NAT64
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return isInternalV4(b, 2); // 2002::/16 6to4
        }
        return false;
    }

    private static boolean isInternalV4(byte[] b, int at) {
        int o0 = b[at] & 0xff;
        int o1 = b[at + 1] & 0xff;
        int o2 = b[at + 2] & 0xff;
        return o0 == 0 // 0.0.0.0/8
                || o0 == 10
                || o0 == 127
                || (o0 == 100 && (o1 & 0xc0) == 64) // 100.64.0.0/10 CGNAT
                || (o0 == 169 && o1 == 254)
                || (o0 == 172 && (o1 & 0xf0) == 16)
                || (o0 == 192 && o1 == 168)
                || (o0 == 192 && o1 == 0 && o2 == 0) // 192.0.0.0/24 IETF protocol assignments
                || (o0 == 198 && (o1 & 0xfe) == 18) // 198.18.0.0/15 benchmarking
                || o0 >= 224; // multicast, 240/4 reserved, broadcast
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static NodeShellException refused(String why) {
        return new NodeShellException(Kind.REFUSED_URL, why);
    }
}
