package com.pveams.adapters.pve.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Exact percent-encoding for PVE: everything except RFC 3986 unreserved characters is {@code %XX}-encoded (UTF-8);
 * spaces become {@code %20}, never {@code +}, so no decoder can misread them.
 */
public final class FormEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEncoding() {
    }

    public static String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /** {@code k=v&k=v} in the map's iteration order. */
    public static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return sb.toString();
    }

    /** Builds {@code /api2/json/a/b/c} from raw segments, each encoded. */
    public static String path(Object... segments) {
        StringBuilder sb = new StringBuilder("/api2/json");
        for (Object s : segments) {
            sb.append('/').append(encode(String.valueOf(s)));
        }
        return sb.toString();
    }
}
