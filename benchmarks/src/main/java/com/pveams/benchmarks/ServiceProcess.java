package com.pveams.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code bootstrap/target/quarkus-app/quarkus-run.jar}) as a child process: started with
 * the run's configuration as environment variables, timed from the process start to the first 200 of
 * {@code /q/health/ready}.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_LIMIT = Duration.ofSeconds(120);

    /** Ready time and resident memory of one start; children = its embedded PostgreSQL's processes. */
    public record Measured(long readyNanos, long rssKib, long childrenRssKib) {
    }

    private final Process process;
    private final int port;
    private final long readyNanos;

    private ServiceProcess(Process process, int port, long readyNanos) {
        this.process = process;
        this.port = port;
        this.readyNanos = readyNanos;
    }

    /** The JVM options of the README's run command ({@code java … -jar bootstrap/target/quarkus-app/quarkus-run.jar}). */
    static List<String> readmeJvmOptions(String readme) {
        String jar = " -jar bootstrap/target/quarkus-app/quarkus-run.jar";
        for (String line : readme.split("\n")) {
            int end = line.indexOf(jar);
            int start = end > 0 ? line.lastIndexOf("java", end) : -1;
            if (start >= 0) {
                String options = line.substring(start + "java".length(), end).strip();
                return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
            }
        }
        throw new IllegalStateException("README.md has no `java … -jar bootstrap/target/quarkus-app/quarkus-run.jar` line");
    }

    /**
     * Starts the jar with {@code javaHome}'s java, the README's JVM options (the service runs the way a user starts
     * it) and then the JVM options given, waits for readiness and returns; the log goes to {@code log}.
     */
    public static ServiceProcess start(Path root, Path javaHome, List<String> jvmOptions, Map<String, String> env,
                                       int port, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin/java").toString());
        cmd.addAll(readmeJvmOptions(java.nio.file.Files.readString(root.resolve("README.md"))));
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(root.resolve("bootstrap/target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        long start = System.nanoTime();
        Process p = pb.start();
        // a suite stopped half-way (Ctrl-C) must not leave the service running
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the service exited with " + p.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - start > READY_LIMIT.toNanos()) {
                p.destroyForcibly();
                throw new IllegalStateException("the service was not ready within " + READY_LIMIT + "; see " + log);
            }
            // the readiness probe's own cadence; 10 ms bounds the error of the ready time
            Thread.sleep(10);
        }
        return new ServiceProcess(p, port, System.nanoTime() - start);
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long readyNanos() {
        return readyNanos;
    }

    public long rssKib() {
        return ProcessMemory.rssKib(process.pid());
    }

    /** SIGTERM and wait: a graceful stop (an AOT training run writes its cache then). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
