package com.pveams.domain.image;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PVE release as {@code /nodes/{node}/status} reports it ({@code pve-manager/9.1.1/abc}). Fetching disk images
 * with {@code download-url} into {@code import} content is assumed from 8.4 on (the 9.1 schema's content enum lists
 * iso, vztmpl and import); an older node, or one whose answer cannot be read, gets its images over SSH.
 */
public record PveVersion(int major, int minor) {
    private static final Pattern VERSION = Pattern.compile("(?:pve-manager/)?(\\d+)\\.(\\d+)");

    public static Optional<PveVersion> parse(String reported) {
        if (reported == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(reported);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PveVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean downloadsImportContent() {
        return major > 8 || (major == 8 && minor >= 4);
    }
}
