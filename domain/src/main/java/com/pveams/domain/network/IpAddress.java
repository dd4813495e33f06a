package com.pveams.domain.network;

import com.pveams.domain.error.DomainException;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One IPv4 or IPv6 host address. Parsed from its literal by hand: {@code InetAddress.getByName} would resolve
 * anything that is not a literal through DNS, and caller input must never reach a resolver. Literals only:
 * no zone ids, brackets, prefixes or legacy shorthands ({@code 10.1}, octal {@code 010.0.0.1}).
 */
public final class IpAddress implements Comparable<IpAddress> {
    private static final int MAX_LITERAL = 45; // longest IPv6 literal with an embedded IPv4 tail

    private final int version;
    private final BigInteger value;

    private IpAddress(int version, BigInteger value) {
        this.version = version;
        this.value = value;
    }

    /** The address with this numeric value; {@code version} is 4 or 6. */
    public static IpAddress of(int version, BigInteger value) {
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6");
        }
        if (value.signum() < 0 || value.bitLength() > bits(version)) {
            throw new IllegalArgumentException("value out of range for IPv" + version);
        }
        return new IpAddress(version, value);
    }

    /** Parses a literal; a malformed one is an invalid-parameter error naming {@code field}. */
    public static IpAddress parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw DomainException.required(field);
        }
        String s = text.strip();
        IpAddress parsed = s.length() > MAX_LITERAL ? null : (s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s));
        if (parsed == null) {
            throw DomainException.invalid(field, "不是合法的 IP 地址", "is not a valid IP address");
        }
        return parsed;
    }

    /** Like {@link #parse} but blank means absent. */
    public static IpAddress parseOptional(String text, String field) {
        return text == null || text.isBlank() ? null : parse(text, field);
    }

    private static IpAddress parseV4(String s) {
        long v = parseDotted(s);
        return v < 0 ? null : new IpAddress(4, BigInteger.valueOf(v));
    }

    /** Four decimal octets, no leading zeros (they meant octal to some parsers); -1 when malformed. */
    private static long parseDotted(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return -1;
            }
            int octet = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    private static IpAddress parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] headGroups = groups(head, gap < 0); // an IPv4 tail only ends the literal
        int[] tailGroups = gap >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        BigInteger v = BigInteger.ZERO;
        for (int g : all) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return new IpAddress(6, v);
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 tail (two groups) when {@code last}. */
    private static int[] groups(String part, boolean last) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] raw = part.split(":", -1);
        int[] out = new int[raw.length + 1];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            String g = raw[i];
            if (last && i == raw.length - 1 && g.indexOf('.') >= 0) {
                long v4 = parseDotted(g);
                if (v4 < 0) {
                    return null;
                }
                out[n++] = (int) (v4 >>> 16);
                out[n++] = (int) (v4 & 0xffff);
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < g.length(); j++) {
                int d = Character.digit(g.charAt(j), 16);
                if (d < 0 || g.charAt(j) > 'f') { // Character.digit accepts non-ASCII digits
                    return null;
                }
                v = (v << 4) | d;
            }
            out[n++] = v;
        }
        int[] exact = new int[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }

    static int bits(int version) {
        return version == 4 ? 32 : 128;
    }

    public int version() {
        return version;
    }

    public int bits() {
        return bits(version);
    }

    public BigInteger value() {
        return value;
    }

    public boolean isUnspecified() {
        return value.signum() == 0;
    }

    /** This address moved by {@code delta}; empty past either end of the address space. */
    public java.util.Optional<IpAddress> plus(long delta) {
        BigInteger v = value.add(BigInteger.valueOf(delta));
        return v.signum() < 0 || v.bitLength() > bits() ? java.util.Optional.empty()
                : java.util.Optional.of(new IpAddress(version, v));
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        if (version == 4) {
            long v = value.longValue();
            return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
        }
        int[] g = new int[8];
        BigInteger v = value;
        for (int i = 7; i >= 0; i--) {
            g[i] = v.intValue() & 0xffff;
            v = v.shiftRight(16);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not compressed (RFC 5952 4.2.2)
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Integer.compare(version, o.version);
        return c != 0 ? c : value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.version == version && a.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, value);
    }
}
