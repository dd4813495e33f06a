package com.pveams.domain.maintenance;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a node has been up and how loaded it is, from {@code /proc/uptime} and {@code /proc/loadavg}.
 *
 * @param uptime      time since boot (whole seconds)
 * @param load1       load average over 1 minute
 * @param load5       over 5 minutes
 * @param load15      over 15 minutes
 * @param runnable    scheduling entities running or runnable now
 * @param processes   scheduling entities that exist
 */
public record HostLoad(Duration uptime, double load1, double load5, double load15, int runnable, int processes) {
    private static final String DECIMAL = "(\\d{1,12}(?:\\.\\d{1,6})?)";
    private static final Pattern UPTIME = Pattern.compile(DECIMAL + " " + DECIMAL);
    private static final Pattern LOADAVG = Pattern.compile(DECIMAL + " " + DECIMAL + " " + DECIMAL
            + " (\\d{1,9})/(\\d{1,9}) \\d{1,10}");

    public HostLoad {
        if (uptime == null || uptime.isNegative()) {
            throw new IllegalArgumentException("uptime must be zero or more");
        }
        if (load1 < 0 || load5 < 0 || load15 < 0 || runnable < 0 || processes < 0) {
            throw new IllegalArgumentException("loads and counts must be zero or more");
        }
    }

    /** Reads {@code cat /proc/uptime /proc/loadavg}: two lines, in that order. */
    public static Optional<HostLoad> parse(String stdout) {
        String[] lines = Lines.all(stdout);
        if (lines.length != 2) {
            return Optional.empty();
        }
        Matcher up = UPTIME.matcher(lines[0].strip());
        Matcher load = LOADAVG.matcher(lines[1].strip());
        if (!up.matches() || !load.matches()) {
            return Optional.empty();
        }
        long seconds = (long) Double.parseDouble(up.group(1));
        return Optional.of(new HostLoad(Duration.ofSeconds(seconds), Double.parseDouble(load.group(1)),
                Double.parseDouble(load.group(2)), Double.parseDouble(load.group(3)),
                Integer.parseInt(load.group(4)), Integer.parseInt(load.group(5))));
    }
}
