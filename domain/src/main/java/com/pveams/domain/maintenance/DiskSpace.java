package com.pveams.domain.maintenance;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Space on the file system that holds a directory, from {@code df -P -k -- DIR}.
 *
 * @param totalBytes     size of the file system
 * @param usedBytes      bytes in use
 * @param availableBytes bytes an unprivileged writer may still use (what a download can count on)
 * @param mountPoint     where that file system is mounted
 */
public record DiskSpace(long totalBytes, long usedBytes, long availableBytes, String mountPoint) {
    private static final long KIB = 1024;
    /** Largest block count that still fits in a long once multiplied by 1024. */
    private static final long MAX_BLOCKS = Long.MAX_VALUE / KIB;
    // The file system's name may contain spaces, so the numbers are found from the right; the mount point is an
    // absolute path of printable characters.
    private static final Pattern ROW = Pattern.compile("\\S.*?\\s+(\\d{1,19})\\s+(\\d{1,19})\\s+(\\d{1,19})\\s+(\\d{1,3})%\\s+(/[^\\p{Cntrl}]{0,4095})");

    public DiskSpace {
        if (totalBytes < 0 || usedBytes < 0 || availableBytes < 0) {
            throw new IllegalArgumentException("sizes must be zero or more");
        }
        if (mountPoint == null || !mountPoint.startsWith("/")) {
            throw new IllegalArgumentException("mountPoint must be absolute");
        }
    }

    /** Reads the header and the one row {@code df -P -k} prints for one directory. */
    public static Optional<DiskSpace> parse(String stdout) {
        String[] lines = Lines.all(stdout);
        if (lines.length != 2 || !lines[0].startsWith("Filesystem")) {
            return Optional.empty();
        }
        Matcher m = ROW.matcher(lines[1].strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long total = blocks(m.group(1));
            long used = blocks(m.group(2));
            long available = blocks(m.group(3));
            return Optional.of(new DiskSpace(total * KIB, used * KIB, available * KIB, m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long blocks(String digits) {
        long n = Long.parseLong(digits);
        if (n > MAX_BLOCKS) {
            throw new NumberFormatException("too large");
        }
        return n;
    }

    /** Share of the file system in use, 0..100, rounded up as df does. */
    public int usedPercent() {
        long usable = usedBytes + availableBytes;
        return usable == 0 ? 0 : (int) Math.min(100, (usedBytes * 100 + usable - 1) / usable);
    }
}
