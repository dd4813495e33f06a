package com.pveams.domain.image;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The PVE {@code ostype} of a VM built from an image. Linux images are {@code l26}. For Windows the legacy server
 * took the first substring of the file name it found ("7" anywhere meant Windows 7, so "2012R2-x64-v17" was Windows 7);
 * here a version counts only as a whole token, the most specific ones (server years) are tried first, and an
 * unrecognised Windows is {@code win11}'s predecessor family default {@code other}.
 */
public final class PveOsType {
    private record Rule(Pattern token, String ostype) {
        Rule(String regex, String ostype) {
            this(Pattern.compile("(?<![0-9a-z])(?:" + regex + ")(?![0-9])"), ostype);
        }
    }

    private static final List<Rule> WINDOWS = List.of(
            new Rule("2025|2022", "win11"),
            new Rule("2019|2016", "win10"),
            new Rule("2012(?:r2)?", "win8"),
            new Rule("2008(?:r2)?", "w2k8"),
            new Rule("2003", "w2k3"),
            new Rule("2000", "w2k"),
            new Rule("xp", "wxp"),
            new Rule("vista", "wvista"),
            new Rule("(?:win(?:dows)?[-_ .]?)11", "win11"),
            new Rule("(?:win(?:dows)?[-_ .]?)10", "win10"),
            new Rule("(?:win(?:dows)?[-_ .]?)8(?:\\.1)?", "win8"),
            new Rule("(?:win(?:dows)?[-_ .]?)7", "win7"));

    private PveOsType() {
    }

    public static String of(ImageKind kind, String fileName) {
        if (kind == ImageKind.LINUX) {
            return "l26";
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        for (Rule r : WINDOWS) {
            if (r.token().matcher(name).find()) {
                return r.ostype();
            }
        }
        return "other";
    }
}
