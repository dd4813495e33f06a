package com.pveams.bootstrap.bench;

import com.pveams.application.port.in.ippool.ManageIpPoolsUseCase;
import com.pveams.application.port.in.ippool.ManageIpPoolsUseCase.CreatePoolByMask;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark, not a test (its name keeps it out of {@code verify}): times {@code insertIpPoolByMask} of a /16
 * (65,533 addresses, one transaction) against the embedded database and prints the figures. Target: under 1 s on
 * 2 cores (the legacy took 5.15 s). Wall time depends on what else the machine runs, so the CPU time PostgreSQL's
 * processes spent (from {@code /proc}) is printed too: that part does not grow with the load. Run:
 * {@code ./mvnw -B -o verify -pl bootstrap -am -Dtest=IpPoolInsertBench -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class IpPoolInsertBench {
    private static final int WARMUP = 2;
    private static final int RUNS = 7;

    @Inject
    ManageIpPoolsUseCase pools;
    @Inject
    DataSource ds;

    @Test
    void insertA16() throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            once(200 + i, new long[2]);
        }
        long[] wall = new long[RUNS];
        long[] cpu = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long[] r = new long[2];
            once(i, r);
            wall[i] = r[0];
            cpu[i] = r[1];
        }
        System.out.printf("%nBENCH insertIpPoolByMask /16 (65533 addresses), %d runs: wall ms %s (median %d); "
                        + "PostgreSQL CPU ms %s (median %d); load average %s%n%n",
                RUNS, Arrays.toString(wall), median(wall), Arrays.toString(cpu), median(cpu),
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One /16 on a fresh node (as an operator would), through the use case: checks, insert and commit. */
    private void once(int n, long[] wallAndCpu) throws Exception {
        long node = new InventoryRows(ds).node(null);
        CreatePoolByMask command = CreatePoolByMask.of("bench-" + n, node, "10." + n + ".0.1", 16, 4,
                "114.114.114.114", "8.8.8.8");
        List<Long> pids = postgresPids();
        long cpuBefore = cpuMillis(pids);
        long start = System.nanoTime();
        pools.createByMask(command);
        wallAndCpu[0] = (System.nanoTime() - start) / 1_000_000;
        wallAndCpu[1] = cpuMillis(pids) - cpuBefore;
    }

    /** Every process of the test's PostgreSQL: its backends and background workers. */
    private List<Long> postgresPids() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        return pids;
    }

    /** utime + stime of the processes ({@code /proc/<pid>/stat} fields 14 and 15, at 100 ticks per second). */
    private static long cpuMillis(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException gone) {
                // a process that ended in between does not count
            }
        }
        return ticks * 10;
    }
}
