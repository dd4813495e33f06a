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
        /** A server year: digits not part of a longer number ("2019", "win2019", but not "20191"). */
        static Rule year(String years, String ostype) {
            return new Rule(Pattern.compile("(?<![0-9])(?:" + years + ")(?![0-9])"), ostype);
        }

        /** A name, optionally after "win"/"windows": a whole word ("WinXP", "windows-10", but not "expert"). */
        static Rule name(String name, String ostype) {
            return new Rule(Pattern.compile("(?<![a-z0-9])(?:win(?:dows)?[-_ .]?)?(?:" + name + ")(?![a-z0-9])"), ostype);
        }

        /** A client version number, only right after "win"/"windows" ("win7", "Windows-10"). */
        static Rule version(String version, String ostype) {
            return new Rule(Pattern.compile("(?<![a-z0-9])win(?:dows)?[-_ .]?(?:" + version + ")(?![0-9])"), ostype);
        }
    }

    private static final List<Rule> WINDOWS = List.of(
            Rule.year("2025|2022", "win11"),
            Rule.year("2019|2016", "win10"),
            Rule.year("2012", "win8"),
            Rule.year("2008", "w2k8"),
            Rule.year("2003", "w2k3"),
            Rule.year("2000", "w2k"),
            Rule.name("xp", "wxp"),
            Rule.name("vista", "wvista"),
            Rule.version("11", "win11"),
            Rule.version("10", "win10"),
            Rule.version("8(?:\\.1)?", "win8"),
            Rule.version("7", "win7"));

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
