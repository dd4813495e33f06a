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
 * ran out). VMs/minute: all creates over the time from the first send to the last VM running.
 *
 * <p>Both paths of the create's define step are measured. The import path: the image's templates on the measured
 * nodes are held off ({@link #holdTemplates}: a template row FAILED just now, which the registry does not retry for
 * {@code ImageTemplate.RETRY_PAUSE}), so every create imports the image. The clone path: the held rows are removed,
 * one warm-up create per node makes the registry build its template, and once all are READY every create clones.
 * The simulator's imports take the image's size at its import rate, clones a constant time (see {@code BenchMain}).
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

    /** The import path: no template is built for the image on the first {@code nodes} nodes while the run lasts. */
    public void holdTemplates(long imageId, int nodes, String storage) throws Exception {
        for (int i = 1; i <= nodes; i++) {
            db.execute("INSERT INTO vm_template (os_image_id, node_id, storage, state, reason, updated_at)"
                    + " VALUES (?, ?, ?, 'FAILED', 'held off by the benchmark: import path', now())"
                    + " ON CONFLICT (os_image_id, node_id, storage) DO UPDATE SET state = 'FAILED', updated_at = now()",
                    imageId, seeding.nodeId(i), storage);
        }
    }

    /** The clone path: the held rows go, a warm-up create per node starts its template build, all end READY. */
    public void readyTemplates(long imageId, int nodes, String storage) throws Exception {
        db.execute("DELETE FROM vm_template WHERE os_image_id = ? AND state = 'FAILED'", imageId);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 1; i <= nodes; i++) {
            createOne("warm-up", i, seeding.nodeId(i), failures);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (db.value("SELECT count(*) FROM vm_template WHERE os_image_id = ? AND storage = ? AND state = 'READY'",
                imageId, storage) < nodes) {
            if (System.nanoTime() > deadline || db.value("SELECT count(*) FROM vm_template WHERE os_image_id = ?"
                    + " AND state = 'FAILED'", imageId) > 0) {
                throw new IllegalStateException("the templates did not become ready");
            }
            Thread.sleep(20);
        }
        durations.clear();
    }

    public void run(ResultTable table, String path, Duration taskDelay, int creates, int nodes, int clients,
                    double p95Target, double rateTarget) throws Exception {
        sim.taskDuration(taskDelay);
        String label = "create-to-running (" + path + "), " + taskDelay.toMillis() + " ms PVE tasks";
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger failures = new AtomicInteger();
        List<Future<Long>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < creates; i++) {
            int n = i;
            results.add(pool.submit(() -> createOne(path + "-" + taskDelay.toMillis(), n, seeding.nodeId(1 + n % nodes),
                    failures)));
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
        long other = db.value("SELECT count(*) FROM operation_step s JOIN operation o ON o.id = s.operation_id"
                + " JOIN vm v ON v.id = o.vm_id WHERE s.kind = 'VM_CREATE_DEFINE' AND v.hostname LIKE ?"
                + " AND s.output ->> 'path' IS DISTINCT FROM ?", "prov-" + path + "-" + taskDelay.toMillis() + "-%", path);
        String note = creates + " creates over " + nodes + " nodes, " + clients + " concurrent callers; failed: "
                + failures.get() + "; creates that took the other path: " + other;
        if (samples.length == 0) {
            table.add(Figure.notMeasured(label + " p95", "ms", p95Target, Figure.Goal.AT_MOST, "every create failed"));
            return;
        }
        table.add(Figure.recorded(label + " p50", Rates.millis(Rates.percentile(samples, 50)), "ms", note));
        table.add(Figure.atMost(label + " p95", Rates.millis(Rates.percentile(samples, 95)), "ms", p95Target));
        table.add(Figure.recorded(label + " max", Rates.millis(Rates.max(samples)), "ms", null));
        table.add(Figure.atLeast("VMs per minute (" + path + "), " + taskDelay.toMillis() + " ms PVE tasks",
                Rates.perMinute(samples.length, lastEnd - start), "VMs/min", rateTarget));
    }

    /** Creates one VM and waits until it runs; returns the nano time it was seen running, null on failure. */
    private Long createOne(String series, int n, long nodeId, AtomicInteger failures) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeid", nodeId);
        body.put("os", Seeding.IMAGE_FILE);
        body.put("hostname", "prov-" + series + "-" + n);
        // 512 MB: the four runs and the warm-ups leave about 100 running VMs on each 64 GiB simulated node
        body.put("memory", 512);
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
