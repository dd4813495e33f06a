package com.pveams.adapters.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** Test DNS for {@link UrlPolicy}: fixed answers, "localhost" from the real resolver, anything else unknown. */
public final class TestDns {
    private TestDns() {
    }

    /** {@code answers} maps a host to one address or several separated by commas. */
    public static UrlPolicy.Resolver resolver(Map<String, String> answers) {
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
                out[i] = InetAddress.getByName(parts[i]); // literals only: no lookup
            }
            return out;
        };
    }
}
