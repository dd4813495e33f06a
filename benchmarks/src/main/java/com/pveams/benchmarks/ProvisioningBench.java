package com.pveams.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.adapters.pve.sim.PveSimulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 1: {@code creates} VMs through the public {@code cerateVM} (the billing panels' call) spread over the
 * first {@code nodes} simulated nodes, sent by {@code clients} concurrent callers. Per VM: from sending the create
 * to the VM running (the answer's status 0, or else its row reaching 0 — polled every 5 ms — after the call's wait
 * ran out). VMs/minute: all creates over the time from the first send to the last VM running. The import path:
 * the tree has no clone branch in the create yet ({@code VmBuildSettings.forImport} only).
 */
public final class ProvisioningBench {
    private final Api api;
    private final Database db;
    private final PveSimulator sim;
    private final Seeding seeding;
    /** Create-to-running of the VMs of the current run, in nanoseconds. */
    private final List<Long> durations = java.util.Collections.synchronizedList(new ArrayList<>());

    public ProvisioningBench(Api api, Database db, PveSimulator sim, Seeding seeding) {
        this.api = api;
        this.db = db;
        this.sim = sim;
        this.seeding = seeding;
    }

    public void run(ResultTable table, Duration taskDelay, int creates, int nodes, int clients, double p95Target,
                    double rateTarget) throws Exception {
        sim.taskDuration(taskDelay);
        String label = "create-to-running, " + taskDelay.toMillis() + " ms PVE tasks";
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger failures = new AtomicInteger();
        List<Future<Long>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < creates; i++) {
            int n = i;
            results.add(pool.submit(() -> createOne(taskDelay.toMillis(), n, seeding.nodeId(1 + n % nodes), failures)));
        }
        long lastEnd = start;
        for (Future<Long> f : results) {
            Long end = f.get();
            if (end != null) {
                lastEnd = Math.max(lastEnd, end);
            }
        }
        pool.shutdown();
        long[] samples = durations.stream().mapToLong(Long::longValue).toArray();
        durations.clear();
        String note = creates + " creates (import path) over " + nodes + " nodes, " + clients
                + " concurrent callers; failed: " + failures.get();
        if (samples.length == 0) {
            table.add(Figure.notMeasured(label + " p95", "ms", p95Target, Figure.Goal.AT_MOST, "every create failed"));
            return;
        }
        table.add(Figure.recorded(label + " p50", Rates.millis(Rates.percentile(samples, 50)), "ms", note));
        table.add(Figure.atMost(label + " p95", Rates.millis(Rates.percentile(samples, 95)), "ms", p95Target));
        table.add(Figure.recorded(label + " max", Rates.millis(Rates.max(samples)), "ms", null));
        table.add(Figure.atLeast("VMs per minute, " + taskDelay.toMillis() + " ms PVE tasks",
                Rates.perMinute(samples.length, lastEnd - start), "VMs/min", rateTarget));
    }

    /** Creates one VM and waits until it runs; returns the nano time it was seen running, null on failure. */
    private Long createOne(long delayMs, int n, long nodeId, AtomicInteger failures) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeid", nodeId);
        body.put("os", Seeding.IMAGE_FILE);
        body.put("hostname", "prov-" + delayMs + "-" + n);
        body.put("memory", 1024);
        body.put("cores", 1);
        // 2 GB system disks: 200 VMs on 4 simulated nodes must fit their 500 GiB local-lvm
        body.put("systemDiskSize", 2);
        long t0 = System.nanoTime();
        JsonNode r = api.publicPost("pve/cerateVM", body);
        if (r.path("code").asInt() != 20000) {
            failures.incrementAndGet();
            System.err.println("create " + n + " refused: " + r);
            return null;
        }
        long id = r.path("data").path("hostid").asLong();
        if (r.path("data").path("status").asInt(-1) != 0) {
            // the call's wait ran out (or answered early): follow the row
            while (true) {
                long status = db.value("SELECT CASE WHEN delete_state <> 0 THEN -1 ELSE status END FROM vm WHERE id = ?", id);
                if (status == 0) {
                    break;
                }
                if (status == -1 || System.nanoTime() - t0 > Duration.ofMinutes(3).toNanos()) {
                    failures.incrementAndGet();
                    System.err.println("create " + n + " (vm " + id + ") did not reach running");
                    return null;
                }
                Thread.sleep(5);
            }
        }
        long end = System.nanoTime();
        durations.add(end - t0);
        return end;
    }
}
