package com.pveams.domain.console;

import java.net.URI;

/**
 * The URL a user opens: the console page under a front-end's public base, with the VM and its token as query
 * parameters (the token is base64url, so it needs no escaping). Default ports are left out.
 */
public final class ConsoleUrl {
    public static final String PAGE = "/console/index.html";

    private ConsoleUrl() {
    }

    public static String of(VncController frontEnd, long hostId, ConsoleToken token) {
        String host = frontEnd.publicHost();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String scheme = frontEnd.protocol().scheme();
        boolean defaultPort = frontEnd.port() == (frontEnd.protocol() == ConsoleProtocol.HTTPS ? 443 : 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + frontEnd.port()) + query(hostId, token);
    }

    /** Under a configured base URL ({@code https://console.example.com} or with a port or path prefix). */
    public static String of(URI base, long hostId, ConsoleToken token) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b + query(hostId, token);
    }

    private static String query(long hostId, ConsoleToken token) {
        return PAGE + "?hostId=" + hostId + "&token=" + token.reveal();
    }
}
