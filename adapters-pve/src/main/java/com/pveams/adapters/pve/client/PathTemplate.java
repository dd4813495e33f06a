package com.pveams.adapters.pve.client;

import java.util.Map;

/**
 * A request path with its ids replaced by placeholders ({@code /nodes/{node}/qemu/{vmid}/status/current}), so a
 * metric label has a bounded set of values. A segment after a known collection becomes that collection's
 * placeholder; any other segment that is not a plain lower-case word becomes {@code {id}}.
 */
public final class PathTemplate {
    private static final String PREFIX = "/api2/json";
    private static final Map<String, String> COLLECTIONS = Map.of(
            "nodes", "{node}", "qemu", "{vmid}", "lxc", "{vmid}", "tasks", "{upid}", "storage", "{storage}",
            "content", "{volume}", "snapshot", "{snapname}", "ipset", "{name}");

    private PathTemplate() {
    }

    public static String of(String path) {
        String p = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        String[] segments = p.split("/", -1);
        StringBuilder sb = new StringBuilder();
        String previous = null;
        for (String s : segments) {
            if (s.isEmpty()) {
                previous = null;
                continue;
            }
            String placeholder = previous == null ? null : COLLECTIONS.get(previous);
            String shown = placeholder != null ? placeholder : s.matches("[a-z][a-z0-9_-]{0,31}") ? s : "{id}";
            sb.append('/').append(shown);
            previous = placeholder != null ? null : s;
        }
        return sb.isEmpty() ? "/" : sb.toString();
    }
}
