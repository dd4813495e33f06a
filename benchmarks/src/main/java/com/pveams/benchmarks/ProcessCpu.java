package com.pveams.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU time from {@code /proc/<pid>/stat}, to say where a load's time goes on a machine the service shares with
 * PostgreSQL and this harness (the PVE simulator and the load client).
 */
public final class ProcessCpu {
    /** USER_HZ: the unit of utime/stime (100 on every Linux this runs on). */
    static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime in ticks from the text of {@code /proc/<pid>/stat}. */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state(0) ppid(1) … utime is field 14 of the line, i.e. index 11 here; stime 12
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    public static long ticks(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    public static long ticks(List<Long> pids) {
        return pids.stream().mapToLong(ProcessCpu::ticks).sum();
    }

    /** CPU of the service, the suite's PostgreSQL and this JVM at one moment. */
    public record Sample(long service, long postgres, long harness) {
        /** {@code pgMarker}: a string of the suite's postmaster command line (its data directory). */
        public static Sample take(long servicePid, String pgMarker) {
            List<Long> serviceTree = ProcessMemory.descendants(servicePid);
            return new Sample(ticks(servicePid) + ticks(serviceTree),
                    ticks(ProcessMemory.treeByCommandLine(pgMarker)), ticks(ProcessHandle.current().pid()));
        }

        /** "CPU per request: service a ms, PostgreSQL b ms, harness c ms" between two samples. */
        public String perRequest(Sample later, long requests) {
            double k = 1000.0 / TICKS_PER_SECOND / Math.max(1, requests);
            return String.format(Locale.ROOT, "CPU per request: service %.2f ms, PostgreSQL %.2f ms, harness"
                            + " (PVE simulator + load client) %.2f ms", (later.service - service) * k,
                    (later.postgres - postgres) * k, (later.harness - harness) * k);
        }
    }
}
