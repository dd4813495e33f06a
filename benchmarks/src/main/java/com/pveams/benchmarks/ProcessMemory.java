package com.pveams.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resident memory from {@code /proc}: a process's VmRSS, and its descendants (the embedded PostgreSQL). */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** VmRSS in KiB from the text of {@code /proc/<pid>/status}; 0 when absent (a process just gone). */
    static long vmRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    /** The parent pid from the text of {@code /proc/<pid>/stat} (the command may hold spaces and parentheses). */
    static long parentPid(String stat) {
        String afterCommand = stat.substring(stat.lastIndexOf(')') + 2);
        return Long.parseLong(afterCommand.split(" ")[1]);
    }

    public static long rssKib(long pid) {
        try {
            return vmRssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every process below {@code pid} (children, grandchildren…), read once from /proc. */
    public static List<Long> descendants(long pid) {
        List<long[]> pairs = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    pairs.add(new long[]{Long.parseLong(p.getFileName().toString()),
                            parentPid(Files.readString(p.resolve("stat")))});
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we listed: not ours to count
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Long> found = new ArrayList<>();
        List<Long> frontier = List.of(pid);
        while (!frontier.isEmpty()) {
            List<Long> next = new ArrayList<>();
            for (long[] pp : pairs) {
                if (frontier.contains(pp[1])) {
                    next.add(pp[0]);
                }
            }
            found.addAll(next);
            frontier = next;
        }
        return found;
    }

    /**
     * A daemonised process tree (pg_ctl detaches the postmaster from whoever started it): the processes whose
     * command line holds {@code marker} (the postmaster's {@code -D <data directory>}) and all their descendants.
     */
    public static List<Long> treeByCommandLine(String marker) {
        List<Long> roots = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(marker)) {
                        roots.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Long> all = new ArrayList<>(roots);
        for (long r : roots) {
            descendants(r).stream().filter(d -> !all.contains(d)).forEach(all::add);
        }
        return all;
    }

    public static long rssKib(List<Long> pids) {
        return pids.stream().mapToLong(ProcessMemory::rssKib).sum();
    }

    /** Summed VmRSS of every descendant of {@code pid}. Shared pages (PostgreSQL's shared buffers) count per process, as `ps` shows them. */
    public static long descendantsRssKib(long pid) {
        return descendants(pid).stream().mapToLong(ProcessMemory::rssKib).sum();
    }
}
