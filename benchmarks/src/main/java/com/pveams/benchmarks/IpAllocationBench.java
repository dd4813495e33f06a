package com.pveams.benchmarks;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Figure 3. The /16 insert goes through the admin API ({@code insertIpPoolByMask}, timed round trip). The
 * allocation has no endpoint of its own (a create allocates inside its write transaction, with much else), so it
 * runs the statement the service runs for an automatic IPv4 address, a copy of
 * {@code AddressAllocationPersistenceAdapter.holdFree} (keep them alike), one address per transaction, from
 * {@code threads} JDBC connections at once against the pool with all but {@code free} addresses held.
 */
public final class IpAllocationBench {
    private static final String HOLD_FREE = """
            WITH picked AS (
                SELECT a.id FROM ip_address a JOIN ip_pool p ON p.id = a.pool_id
                WHERE a.node_id = ? AND a.ip_version = 4 AND a.status = 0 AND p.nat = false
                  AND a.pool_id = ?
                  AND NOT EXISTS (SELECT 1 FROM ip_address h WHERE h.node_id = a.node_id
                                  AND h.address = a.address AND h.vm_id IS NOT NULL)
                ORDER BY a.id LIMIT 1
                FOR UPDATE OF a SKIP LOCKED)
            UPDATE ip_address a SET status = 1, vm_id = ?, vm_delete_state = 0, updated_at = now()
            FROM picked, ip_pool p WHERE a.id = picked.id AND p.id = a.pool_id
            RETURNING a.id""";

    /** EXPLAIN ANALYZE of one allocation, run alone and rolled back: where its time goes. */
    private String plan(long nodeId, long poolId, long holderVmId) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + HOLD_FREE)) {
                ps.setLong(1, nodeId);
                ps.setLong(2, poolId);
                ps.setLong(3, holderVmId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        b.append(rs.getString(1).strip()).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return b.toString();
    }

    private final Api api;
    private final Database db;

    public IpAllocationBench(Api api, Database db) {
        this.api = api;
        this.db = db;
    }

    public void run(ResultTable table, long nodeId, long holderVmId, int free, int threads, int perThread)
            throws Exception {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("poolName", "bench-slash16");
        b.put("nodeId", nodeId);
        b.put("gateway", "10.200.0.1");
        b.put("mask", 16);
        b.put("ipVersion", 4);
        b.put("dns1", "9.9.9.9");
        long t0 = System.nanoTime();
        long poolId = api.adminPost("insertIpPoolByMask", b).get("data").get("id").asLong();
        long insert = System.nanoTime() - t0;
        long addresses = db.value("SELECT count(*) FROM ip_address WHERE pool_id = ?", poolId);
        table.add(Figure.atMost("/16 pool insert (insertIpPoolByMask)", Rates.millis(insert), "ms", 1000)
                .withNote(addresses + " addresses, API round trip"));

        db.execute("UPDATE ip_address SET status = 1, vm_id = ?, vm_delete_state = 0 WHERE pool_id = ? AND id <"
                + " (SELECT id FROM ip_address WHERE pool_id = ? ORDER BY id DESC OFFSET ? LIMIT 1)",
                holderVmId, poolId, poolId, free - 1);
        // as autovacuum would have long done in a pool that filled over time: without it the 63,000 dead index
        // entries of this one bulk update (status 0) are what every allocation scan would wade through
        db.execute("VACUUM ANALYZE ip_address");
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int got = 0;
                try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(HOLD_FREE)) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < perThread; i++) {
                        long s = System.nanoTime();
                        ps.setLong(1, nodeId);
                        ps.setLong(2, poolId);
                        ps.setLong(3, holderVmId);
                        try (ResultSet rs = ps.executeQuery()) {
                            got += rs.next() ? 1 : 0;
                        }
                        c.commit();
                        long took = System.nanoTime() - s;
                        synchronized (h) {
                            h.recordValue(Math.min(took, h.getHighestTrackableValue()));
                        }
                    }
                }
                return got;
            }));
        }
        int allocated = 0;
        for (Future<Integer> f : done) {
            allocated += f.get();
        }
        pool.shutdown();
        String plan = plan(nodeId, poolId, holderVmId);
        System.out.println("Plan of one allocation from the nearly full /16 (rolled back):\n" + plan);
        String execution = plan.lines().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("");
        table.add(Figure.atMost("allocate one address, nearly full /16, " + threads + " allocators, p99",
                Rates.millis(h.getValueAtPercentile(99)), "ms", 20)
                .withNote(allocated + " of " + threads * perThread + " allocations got an address; " + free
                        + " free at the start; p50 " + String.format("%.2f", Rates.millis(h.getValueAtPercentile(50)))
                        + " ms; alone: " + execution));
    }
}
