package com.pveams.domain.maintenance;

/** Splitting command output into lines, tolerant of a missing final newline and of CR LF. */
final class Lines {
    private Lines() {
    }

    static String[] all(String stdout) {
        String s = stdout == null ? "" : stdout.replace("\r\n", "\n").strip();
        return s.isEmpty() ? new String[0] : s.split("\n");
    }

    static String first(String stdout) {
        String[] lines = all(stdout);
        return lines.length == 0 ? "" : lines[0].strip();
    }

    /** The output's only line, or {@code null} when it has none or several. */
    static String only(String stdout) {
        String[] lines = all(stdout);
        return lines.length == 1 ? lines[0].strip() : null;
    }
}
