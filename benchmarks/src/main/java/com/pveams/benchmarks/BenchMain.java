package com.pveams.benchmarks;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.ssh.emulator.NodeEmulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suite of issue 10, run from the repository root after the service is packaged: a PostgreSQL, a 50-node PVE
 * simulator and an SSH node emulator in this JVM, the service jar as a child process, then figures 1–4. Prints
 * the table and writes {@code benchmarks/target/results.json}. Option {@code --jdk25=<java home>} adds the JDK 25
 * footprint rows (plain and with an AOT cache from a training run); {@code --jdk25=} leaves them out. Option
 * {@code --figures=api,footprint} (any of {@code provisioning}, {@code api}, {@code allocation}, {@code footprint})
 * runs only those figures, to measure one change quickly; the default is all four.
 */
public final class BenchMain {
    static final int NODES = 50;
    static final int POOLS = 20;
    static final int VMS = 10_000;
    static final int PORT = 18_480;
    /** The storage the creates land on (no storage in the request, none set on the nodes: the default). */
    static final String VM_STORAGE = "local-lvm";
    /** Simulated import speed: the 1 GiB bench image takes a second to import, a clone takes the task delay. */
    static final long IMPORT_BYTES_PER_SECOND = 1L << 30;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path jdk25 = null;
        java.util.Set<String> figures = java.util.Set.of("provisioning", "api", "allocation", "footprint");
        for (String a : args) {
            if (a.startsWith("--jdk25=")) {
                String v = a.substring("--jdk25=".length());
                jdk25 = v.isBlank() ? null : Path.of(v);
            } else if (a.startsWith("--figures=")) {
                figures = java.util.Set.of(a.substring("--figures=".length()).split(","));
            }
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("bootstrap/target/quarkus-app/quarkus-run.jar"))) {
            throw new IllegalStateException("run from the repository root after packaging the service (see README)");
        }
        Path work = root.resolve("benchmarks/target/run");
        deleteTree(work);
        Files.createDirectories(work);
        Path jdk17 = Path.of(System.getProperty("java.home"));
        long suiteStart = System.nanoTime();
        ResultTable table = new ResultTable();
        Map<String, String> environment = environment(jdk17);
        String profile = "";

        try (Database db = Database.start(work.resolve("pg"));
             PveSimulator sim = SimulatorMain.start(NODES, Duration.ZERO);
             NodeEmulator ssh = NodeEmulator.builder(work.resolve("ssh")).start()) {
            String adminPassword = "Bench-" + UUID.randomUUID();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("AMS_DATA_DIR", work.resolve("data").toString());
            env.put("AMS_ADMIN_INITIAL_PASSWORD", adminPassword);

            ServiceProcess.Measured main;
            AtomicLong maxRssUnderLoad = new AtomicLong();
            log("starting the service (JDK 17)");
            try (ServiceProcess service = ServiceProcess.start(root, jdk17, List.of(), env, PORT,
                    work.resolve("service.log"))) {
                Thread.sleep(FootprintBench.SETTLE.toMillis());
                main = new ServiceProcess.Measured(service.readyNanos(), service.rssKib(), 0);
                Api api = new Api(service.base());
                api.login(adminPassword);
                Seeding seeding = new Seeding(api, db, sim);
                String[] key = seeding.apiKey();
                api.useApiKey(key[0], key[1]);
                log("registering " + NODES + " nodes");
                // nodes go online when the node monitor (default every 30 s) has seen them answer
                seeding.registerNodes(ssh, Duration.ofSeconds(75));
                seeding.pools(POOLS);
                long imageId = seeding.image();

                if (figures.contains("provisioning")) {
                    log("figure 1: provisioning");
                    ProvisioningBench prov = new ProvisioningBench(api, db, sim, seeding);
                    // imports take the 1 GiB image at 1 GiB/s on top of the task delay; clones the task delay alone
                    sim.importRate(IMPORT_BYTES_PER_SECOND);
                    prov.holdTemplates(imageId, 4, VM_STORAGE);
                    prov.run(table, "import", Duration.ZERO, 100, 4, 10, 1000, 100);
                    prov.run(table, "import", Duration.ofMillis(50), 100, 4, 10, 1500, 100);
                    prov.readyTemplates(imageId, 4, VM_STORAGE);
                    prov.run(table, "clone", Duration.ZERO, 100, 4, 10, 1000, 100);
                    prov.run(table, "clone", Duration.ofMillis(50), 100, 4, 10, 1500, 100);
                    sim.taskDuration(Duration.ZERO);
                }

                log("seeding " + VMS + " VMs");
                long[] vmIds = seeding.bulkVms(VMS);
                db.execute("ANALYZE");

                Thread rss = rssSampler(service, maxRssUnderLoad);
                if (figures.contains("api")) {
                    log("figure 2: API latency and throughput");
                    StackSampler sampler = new StackSampler(jdk17, service.pid());
                    ApiBench bench = new ApiBench(service.pid(), work.resolve("pg").toString(), sampler, Duration.ofSeconds(8), Duration.ofSeconds(3), 9,
                            sim::requestsSeen, sim::connectionsAccepted);
                    String base = service.base();
                    int pages = (int) Math.ceil(db.value("SELECT count(*) FROM vm WHERE delete_state = 0") / 20.0);
                    ApiBench.Endpoint list = new ApiBench.Endpoint("getVmByPage (size 20, live)", api.adminToken(),
                            ApiBench.randomPages(base, pages));
                    bench.measure(table, list, 200, 50.0, 20, 600.0);
                    bench.measure(table, new ApiBench.Endpoint("getVmInfo", api.basic(),
                            ApiBench.randomVmInfo(base, vmIds[0], vmIds[1])), 200, null, 100, null);
                    bench.measure(table, new ApiBench.Endpoint("selectIpPoolList", api.adminToken(),
                            i -> java.net.URI.create(base + "/admin/selectIpPoolList?page=1&size=20")), 200, null, 200, null);
                    bench.measure(table, new ApiBench.Endpoint("/api/v1/status", api.basic(),
                            i -> java.net.URI.create(base + "/api/v1/status")), 1000, null, 1000, 6000.0);
                    String dead = SimulatorMain.nodeName(NODES);
                    sim.node(dead).stop();
                    log("node " + dead + " stopped (connection refused)");
                    bench.measure(table, new ApiBench.Endpoint("getVmByPage, one node dead", api.adminToken(),
                            ApiBench.randomPages(base, pages)), 200, 50.0, 20, 600.0);
                    sim.node(dead).start();
                    profile = sampler.report();
                }
                rss.interrupt();
                rss.join();

                if (figures.contains("allocation")) {
                    log("figure 3: IP allocation");
                    long node = seeding.nodeId(NODES - 1);
                    long holder = db.value("SELECT min(id) FROM vm WHERE node_id = ?", node);
                    new IpAllocationBench(api, db).run(table, node, holder, 2048, 32, 32);
                }
            }

            log("figure 4: footprint");
            table.add(Figure.atMost("ready (process start to /q/health/ready), JDK 17", Rates.millis(main.readyNanos()),
                    "ms", 3000).withNote("first start: external PostgreSQL, all migrations applied"));
            table.add(Figure.atMost("RSS after start, JDK 17", Rates.mib(main.rssKib()), "MiB", 200)
                    .withNote("README's JVM options; " + FootprintBench.SETTLE.toSeconds() + " s after ready"));
            if (figures.contains("api")) {
                table.add(Figure.atMost("RSS under the API load (max), JDK 17", Rates.mib(maxRssUnderLoad.get()), "MiB",
                        300));
            } else {
                table.add(Figure.notMeasured("RSS under the API load (max), JDK 17", "MiB", 300.0, Figure.Goal.AT_MOST,
                        "the API figures were not run"));
            }
            if (!figures.contains("footprint")) {
                finish(root, work, table, environment, profile, suiteStart);
                return;
            }
            FootprintBench fp = new FootprintBench(root, work, env, PORT);
            ServiceProcess.Measured again = fp.start(jdk17, List.of(), Map.of(), "service-jdk17-again.log", false);
            table.add(Figure.atMost("ready, JDK 17, schema present", Rates.millis(again.readyNanos()), "ms", 3000));
            table.add(Figure.atMost("RSS after start, JDK 17, schema present", Rates.mib(again.rssKib()), "MiB", 200));
            if (jdk25 != null && Files.isExecutable(jdk25.resolve("bin/java"))) {
                ServiceProcess.Measured plain = fp.start(jdk25, List.of(), Map.of(), "service-jdk25.log", false);
                table.add(Figure.atMost("ready, JDK 25", Rates.millis(plain.readyNanos()), "ms", 3000));
                table.add(Figure.atMost("RSS after start, JDK 25", Rates.mib(plain.rssKib()), "MiB", 200));
                Path aot = work.resolve("ams.aot");
                fp.start(jdk25, List.of("-XX:AOTCacheOutput=" + aot), Map.of(), "service-jdk25-train.log", true);
                if (Files.isRegularFile(aot)) {
                    ServiceProcess.Measured cached = fp.start(jdk25, List.of("-XX:AOTCache=" + aot), Map.of(),
                            "service-jdk25-aot.log", false);
                    table.add(Figure.atMost("ready, JDK 25 + AOT cache", Rates.millis(cached.readyNanos()), "ms", 3000)
                            .withNote("cache " + Files.size(aot) / (1 << 20) + " MiB from a training run (JEP 483/514)"));
                    table.add(Figure.atMost("RSS after start, JDK 25 + AOT cache", Rates.mib(cached.rssKib()), "MiB", 200));
                } else {
                    table.add(Figure.notMeasured("ready, JDK 25 + AOT cache", "ms", 3000.0, Figure.Goal.AT_MOST,
                            "the training run wrote no cache; see service-jdk25-train.log"));
                }
            } else {
                table.add(Figure.notMeasured("ready, JDK 25", "ms", 3000.0, Figure.Goal.AT_MOST, "no JDK 25 given"));
            }
            fp.embeddedDatabase(table, jdk17);
            table.add(Figure.notMeasured("ready, native binary", "ms", 3000.0, Figure.Goal.AT_MOST,
                    "not built: no GraalVM here"));
            table.add(Figure.notMeasured("RSS after start, native binary", "MiB", 200.0, Figure.Goal.AT_MOST,
                    "not built: no GraalVM here"));

        }
        finish(root, work, table, environment, profile, suiteStart);
    }

    private static void finish(Path root, Path work, ResultTable table, Map<String, String> environment,
                               String profile, long suiteStart) throws IOException {
        System.out.println(profile);
        Files.writeString(work.resolve("profile.txt"), profile);
        double minutes = (System.nanoTime() - suiteStart) / 60e9;
        environment.put("suiteMinutes", String.format("%.1f", minutes));
        String out = table.format();
        System.out.println();
        System.out.println(out);
        System.out.printf("suite time %.1f min; JSON: benchmarks/target/results.json%n", minutes);
        Files.writeString(root.resolve("benchmarks/target/results.json"), table.toJson(environment));
        Files.writeString(root.resolve("benchmarks/target/results.md"), out);
    }

    private static Thread rssSampler(ServiceProcess service, AtomicLong max) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                max.accumulateAndGet(service.rssKib(), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Map<String, String> environment(Path jdk) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", Instant.now().toString());
        env.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
        env.put("memTotal", mem.replaceAll("\\s+", " "));
        env.put("serviceJdk", jdk + " " + System.getProperty("java.version"));
        env.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).strip());
        return env;
    }

    static void log(String what) {
        System.out.println("[bench " + Instant.now() + "] " + what);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
