package com.pveams.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 4 beyond the main run: the service started again (after the main run stopped it) against the same
 * database and data directory on another JDK or with an AOT cache, and once without a JDBC URL so it starts its
 * own embedded PostgreSQL, whose processes' RSS is its share.
 */
public final class FootprintBench {
    /** RSS is read this long after readiness: start-up garbage and lazy initialisation settle first. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final Path root;
    private final Path work;
    private final Map<String, String> env;
    private final int port;

    public FootprintBench(Path root, Path work, Map<String, String> env, int port) {
        this.root = root;
        this.work = work;
        this.env = env;
        this.port = port;
    }

    /** Ready time and RSS after start of one run; the label names the JVM and its options. */
    public ServiceProcess.Measured start(Path javaHome, List<String> jvmOptions, Map<String, String> envOverride,
                                         String log, boolean train) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(envOverride);
        try (ServiceProcess s = ServiceProcess.start(root, javaHome, jvmOptions, e, port, work.resolve(log))) {
            Thread.sleep(SETTLE.toMillis());
            ServiceProcess.Measured m = new ServiceProcess.Measured(s.readyNanos(), s.rssKib(),
                    ProcessMemory.rssKib(ProcessMemory.treeByCommandLine(e.get("AMS_DATA_DIR") + "/postgres")));
            if (train) {
                exercise(s.base());
            }
            return m;
        }
    }

    /** A training run's traffic: the status call and a few list pages, so their classes are in the AOT cache. */
    private static void exercise(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 200; i++) {
            http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/status")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /** The JDK 17 rows of a separate run with the embedded database. */
    public void embeddedDatabase(ResultTable table, Path javaHome) throws Exception {
        Path data = work.resolve("data-embedded");
        Files.createDirectories(data);
        Map<String, String> base = new HashMap<>(env);
        base.remove("QUARKUS_DATASOURCE_JDBC_URL");
        base.remove("QUARKUS_DATASOURCE_USERNAME");
        base.remove("QUARKUS_DATASOURCE_PASSWORD");
        base.put("AMS_DATA_DIR", data.toString());
        FootprintBench embedded = new FootprintBench(root, work, base, port);
        ServiceProcess.Measured m = embedded.start(javaHome, List.of(), Map.of(), "service-embedded-db.log", false);
        table.add(Figure.recorded("ready, embedded PostgreSQL (first start: initdb + migrations)",
                Rates.millis(m.readyNanos()), "ms", "JDK 17; includes creating the cluster"));
        table.add(Figure.recorded("RSS after start, service JVM with embedded PostgreSQL", Rates.mib(m.rssKib()),
                "MiB", null));
        table.add(Figure.recorded("RSS after start, embedded PostgreSQL processes (sum)", Rates.mib(m.childrenRssKib()),
                "MiB", "VmRSS summed over the postmaster and its children (pg_ctl detaches them from the JVM); shared buffers count in each"));
    }
}
