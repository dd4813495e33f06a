package com.pveams.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A coarse profile of the service during a fixed-rate run: {@code jcmd <pid> Thread.print} every 500 ms, and for
 * each runnable thread its innermost frame of our code ({@code com.pveams}) or else its innermost frame, counted.
 * Threads parked in the network poller or waiting are left out, so the counts say where the CPU is spent or
 * blocked on I/O. Printed per run; a profile, not a figure.
 */
public final class StackSampler {
    private final Path jcmd;
    private final long pid;
    private volatile Thread running;
    private final Map<String, Map<String, Integer>> profiles = new LinkedHashMap<>();

    public StackSampler(Path javaHome, long pid) {
        this.jcmd = javaHome.resolve("bin/jcmd");
        this.pid = pid;
    }

    public synchronized void begin(String label) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        profiles.put(label, counts);
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    count(dump(), counts);
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    return;
                }
            }
        }, "stack-sampler");
        t.setDaemon(true);
        running = t;
        t.start();
    }

    public void end() {
        Thread t = running;
        if (t != null) {
            t.interrupt();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String dump() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** Adds one dump's runnable threads to the counts, keyed by the frame described above. */
    static void count(String dump, Map<String, Integer> counts) {
        synchronized (counts) {
            for (String thread : dump.split("\n\n")) {
                if (!thread.contains("java.lang.Thread.State: RUNNABLE")) {
                    continue;
                }
                String first = null;
                String ours = null;
                for (String line : thread.split("\n")) {
                    String l = line.trim();
                    if (!l.startsWith("at ")) {
                        continue;
                    }
                    String frame = l.substring(3).replaceAll("\\(.*", "");
                    if (first == null) {
                        first = frame;
                    }
                    if (ours == null && frame.startsWith("com.pveams.")) {
                        ours = frame;
                    }
                }
                // a request thread waiting for PostgreSQL or PVE counts (the wait is its time); an idle poller does not
                if (first == null || (ours == null && idle(first))) {
                    continue;
                }
                String key = ours == null ? first : ours + "  [in " + first + "]";
                counts.merge(key, 1, Integer::sum);
            }
        }
    }

    /** Frames of threads that wait for work rather than do it. */
    static boolean idle(String frame) {
        return frame.contains("EPoll") || frame.contains("epoll") || frame.contains("accept")
                || frame.startsWith("sun.nio.ch.Net.poll") || frame.contains("Selector")
                || frame.contains("socketRead0") || frame.startsWith("java.lang.ref.Reference.waitForReferencePendingList");
    }

    /** Each run's ten most frequent frames with their share of samples. */
    public synchronized String report() {
        StringBuilder b = new StringBuilder();
        profiles.forEach((label, counts) -> {
            int total;
            Map<String, Integer> copy;
            synchronized (counts) {
                copy = new LinkedHashMap<>(counts);
            }
            total = copy.values().stream().mapToInt(Integer::intValue).sum();
            b.append("Profile of ").append(label).append(" (").append(total).append(" runnable-thread samples):\n");
            int t = Math.max(1, total);
            copy.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                    .forEach(en -> b.append(String.format("  %5.1f %%  %s%n", 100.0 * en.getValue() / t, en.getKey())));
        });
        return b.toString();
    }
}
