package com.pveams.domain.access;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Client addresses as login throttling counts them. */
public final class ClientAddress {
    /** Longest key: fits the database column whatever a proxy header held. */
    public static final int MAX_KEY_LENGTH = 64;
    static final String UNKNOWN = "unknown";
    private static final Pattern IPV6_SHAPED = Pattern.compile("[0-9a-f:.]+(%[0-9a-z._-]+)?");

    private ClientAddress() {
    }

    /**
     * The key failures are counted under. An IPv6 host is normally given a whole /64, so counting single IPv6
     * addresses would let one attacker rotate through billions of them: the /64 counts as one client. IPv4 (also
     * when written IPv4-mapped) counts per address; anything that is not an IP literal counts as written.
     */
    public static String throttleKey(String address) {
        if (address == null || address.isBlank()) {
            return UNKNOWN;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        // Only IPv6-shaped text is parsed: it starts with a hex digit or ':', so InetAddress never consults DNS.
        if (a.indexOf(':') >= 0 && IPV6_SHAPED.matcher(a).matches()) {
            try {
                InetAddress parsed = InetAddress.getByName(a);
                if (parsed instanceof Inet4Address v4) {
                    return v4.getHostAddress();
                }
                if (parsed instanceof Inet6Address v6) {
                    byte[] b = v6.getAddress();
                    HexFormat hex = HexFormat.of();
                    return hex.formatHex(b, 0, 2) + ":" + hex.formatHex(b, 2, 4) + ":" + hex.formatHex(b, 4, 6) + ":"
                            + hex.formatHex(b, 6, 8) + "::/64";
                }
            } catch (UnknownHostException | IllegalArgumentException notALiteral) {
                // counted as written
            }
        }
        return a.length() > MAX_KEY_LENGTH ? a.substring(0, MAX_KEY_LENGTH) : a;
    }
}
