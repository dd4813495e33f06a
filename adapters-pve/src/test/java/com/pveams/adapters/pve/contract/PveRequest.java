package com.pveams.adapters.pve.contract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as PVE's HTTP server sees it: method, decoded path (without {@code /api2/json}) and the merged parameters
 * of query string and form body (query wins, as in pve-http-server). Built from raw HTTP pieces so the same parser
 * serves WireMock journals and the simulator.
 */
public record PveRequest(String method, String path, List<String> segments, Map<String, String> params,
                         List<String> duplicates) {

    public static final String PREFIX = "/api2/json";

    /**
     * @param rawPathAndQuery e.g. {@code /api2/json/nodes/pve/tasks/UPID%3A…/status?x=1}
     * @param contentType     request content type or null
     * @param body            raw body or null
     */
    public static PveRequest parse(String method, String rawPathAndQuery, String contentType, String body) {
        String raw = rawPathAndQuery;
        String query = null;
        int q = raw.indexOf('?');
        if (q >= 0) {
            query = raw.substring(q + 1);
            raw = raw.substring(0, q);
        }
        if (raw.startsWith(PREFIX)) {
            raw = raw.substring(PREFIX.length());
        }
        List<String> segs = new ArrayList<>();
        for (String s : raw.split("/")) {
            if (!s.isEmpty()) {
                segs.add(percentDecode(s, false));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> dups = new ArrayList<>();
        if (body != null && !body.isEmpty()) {
            if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
                throw new IllegalArgumentException("JSON bodies are not used by this adapter");
            }
            decodeForm(body, params, dups);
        }
        if (query != null && !query.isEmpty()) {
            Map<String, String> qp = new LinkedHashMap<>();
            decodeForm(query, qp, dups);
            params.putAll(qp);
        }
        return new PveRequest(method.toUpperCase(), "/" + String.join("/", segs), List.copyOf(segs), params,
                List.copyOf(dups));
    }

    private static void decodeForm(String s, Map<String, String> into, List<String> dups) {
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
            String v = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), true);
            if (into.containsKey(k)) {
                dups.add(k);
            }
            into.put(k, v);
        }
    }

    /** Percent-decoding (UTF-8); in forms {@code +} is a space. */
    public static String percentDecode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
