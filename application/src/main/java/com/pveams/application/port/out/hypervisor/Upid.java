package com.pveams.application.port.out.hypervisor;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PVE task id, {@code UPID:node:pid:pstart:starttime:type:id:user:}. Parsed so callers can see which node runs it
 * and what it does.
 */
public record Upid(String value) {

    private static final Pattern UPID = Pattern.compile(
            "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
                    + "([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

    public Upid {
        Objects.requireNonNull(value, "value");
        if (!UPID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a UPID: " + value);
        }
    }

    public static boolean isUpid(String s) {
        return s != null && UPID.matcher(s).matches();
    }

    private Matcher parts() {
        Matcher m = UPID.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException();
        }
        return m;
    }

    public String node() {
        return parts().group(1);
    }

    /** Task start, seconds since the epoch. */
    public long startTime() {
        return Long.parseLong(parts().group(5), 16);
    }

    public String type() {
        return parts().group(6);
    }

    public String id() {
        return parts().group(7);
    }

    public String user() {
        return parts().group(8);
    }

    @Override
    public String toString() {
        return value;
    }
}
