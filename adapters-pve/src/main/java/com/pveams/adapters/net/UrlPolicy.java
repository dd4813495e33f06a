package com.pveams.adapters.net;

import com.pveams.adapters.net.RefusedUrlException.Reason;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a node may download from a URL (through curl over SSH, or PVE's {@code download-url}), and pins
 * the address it may use. It lives outside the {@code pve} and {@code ssh} packages so both apply the same rule
 * without depending on each other.
 *
 * <p>Only {@code http} and {@code https}, no user-info, a host that is a DNS name or a plain IP literal. A host name
 * is compared in lower case without its trailing dot ({@code example.org.} is {@code example.org}), and that one
 * normalised form is what gets resolved, pinned and written into the URL handed on. The host is resolved here and
 * every address must be public unless private targets are allowed: loopback, unspecified, link-local (169.254/16
 * with the cloud metadata address, fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), CGNAT
 * (100.64/10), 0/8, 192.0.0/24, 198.18/15, multicast, 240/4 and broadcast are refused, and IPv6 forms that embed an
 * IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
 *
 * <p>Every refusal is a {@link RefusedUrlException} with a {@link Reason}.
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
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern DNS_NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /**
     * A last label that is a number (decimal, octal with a leading 0, or hex): URL parsers (WHATWG, curl) and
     * inet_aton then read the whole host as an IPv4 address, e.g. {@code 2130706433}, {@code 0x7f.1},
     * {@code 0177.0.0.1}, {@code 1.2.3.0x4}. Only the plain dotted quad is accepted as a numeric host.
     */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?:.*\\.)?(?:[0-9]+|0x[0-9a-f]*)");

    /**
     * A URL that passed the policy.
     *
     * @param url     the URL to hand on, rebuilt from the checked parts (scheme and host in lower case, no trailing
     *                dot, no user-info, no fragment)
     * @param host    the normalised host (IPv6 without brackets)
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

        /**
         * Checks the address a client reports it connected to (curl's {@code %{remote_ip}}) against the pinned one.
         * Anything but the same address (a proxy, a {@code --resolve} that did not apply, an empty report) is
         * refused.
         */
        public void requireConnectedTo(String reportedAddress) {
            InetAddress seen = parseReported(reportedAddress);
            if (seen == null || !seen.equals(address)) {
                throw new RefusedUrlException(Reason.ADDRESS_MISMATCH, "the download from " + host
                        + " connected to " + (reportedAddress == null || reportedAddress.isBlank() ? "an unknown address"
                        : printable(reportedAddress)) + ", not the checked address " + address.getHostAddress());
            }
        }
    }

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    public UrlPolicy(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    /** No private targets, the system resolver. */
    public static UrlPolicy strict() {
        return new UrlPolicy(false, SYSTEM_RESOLVER);
    }

    public boolean allowsPrivateTargets() {
        return allowPrivateTargets;
    }

    public Target check(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw refused(Reason.MALFORMED, "the URL is empty or too long");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(Reason.MALFORMED, "the URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(Reason.SCHEME, "only http and https URLs can be downloaded");
        }
        // The authority is split here rather than by URI.getHost(), which gives null for hosts it finds odd and
        // would hide which rule a URL broke.
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw refused(Reason.HOST, "the URL has no host");
        }
        if (authority.indexOf('@') >= 0) {
            throw refused(Reason.USERINFO, "credentials in the URL are not accepted");
        }
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw refused(Reason.HOST, "the URL has an unterminated IPv6 literal");
            }
            host = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw refused(Reason.HOST, "the URL host is not valid");
            }
            portText = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        int port = port(portText, scheme);
        host = host.toLowerCase(Locale.ROOT);

        boolean literal;
        InetAddress[] addresses;
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf('%') >= 0) {
                throw refused(Reason.HOST, "IPv6 zone identifiers are not accepted");
            }
            if (!IPV6_CHARS.matcher(host).matches() || host.indexOf(':') < 0) {
                throw refused(Reason.HOST, "the URL host is not a valid IPv6 address");
            }
            addresses = new InetAddress[] {literal(host)};
            literal = true;
        } else {
            if (host.indexOf('%') >= 0) {
                throw refused(Reason.HOST, "a percent-encoded URL host is not accepted");
            }
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1); // the root label: same name, one spelling
            }
            if (IPV4.matcher(host).matches()) {
                addresses = new InetAddress[] {literal(host)};
                literal = true;
            } else if (NUMERIC_LAST_LABEL.matcher(host).matches()) {
                throw refused(Reason.NUMERIC_HOST, "the URL host " + printable(host)
                        + " is a number but not a plain dotted IPv4 address");
            } else if (DNS_NAME.matcher(host).matches() && host.length() <= 253) {
                try {
                    addresses = resolver.resolve(host);
                } catch (UnknownHostException e) {
                    throw refused(Reason.UNRESOLVABLE, "the host " + host + " does not resolve");
                }
                if (addresses == null || addresses.length == 0) {
                    throw refused(Reason.UNRESOLVABLE, "the host " + host + " does not resolve");
                }
                literal = false;
            } else {
                throw refused(Reason.HOST, "the URL host " + printable(host)
                        + " is neither a DNS name nor a plain IP address");
            }
        }

        if (!allowPrivateTargets) {
            for (InetAddress a : addresses) {
                if (isInternal(a)) {
                    throw refused(Reason.INTERNAL_ADDRESS, "the host " + host + " is or resolves to "
                            + a.getHostAddress() + ", a loopback, link-local, private or reserved address");
                }
            }
        }
        // The URL handed on is rebuilt from the parts checked here (no user-info, no fragment, the normalised
        // host), so the client cannot read a different host out of it than the one that was resolved and pinned.
        String hostInUrl = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String rebuilt = scheme + "://" + hostInUrl + (portText.isEmpty() ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Target(rebuilt, host, port, addresses[0], literal);
    }

    private static int port(String text, String scheme) {
        if (text.isEmpty()) {
            return scheme.equals("https") ? 443 : 80;
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw refused(Reason.PORT, "the URL port is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw refused(Reason.PORT, "the URL port is not a number from 1 to 65535");
        }
        return port;
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // an IP literal (checked by the caller): no lookup happens
        } catch (UnknownHostException e) {
            throw refused(Reason.HOST, "the URL host is not a valid IP address");
        }
    }

    /** An address as a client printed it, or null if it is not an IP literal (never looked up in DNS). */
    private static InetAddress parseReported(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = t.indexOf(':') >= 0 && IPV6_CHARS.matcher(t).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
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

    /** Text from a URL or a peer, safe to put in a message (no control characters, bounded). */
    private static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    private static RefusedUrlException refused(Reason reason, String why) {
        return new RefusedUrlException(reason, why);
    }
}
