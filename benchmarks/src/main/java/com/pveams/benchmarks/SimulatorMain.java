package com.pveams.benchmarks;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The PVE simulator (adapters-pve test-jar) as a stand-alone HTTPS server: {@code N} nodes of one cluster on
 * 127.0.0.1, every task taking the given delay. The suite starts it in its own JVM through {@link #start}; run
 * alone it prints each node's port and certificate fingerprint and serves until killed.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    /** {@code pve01…pveNN} in cluster {@code bench}. */
    public static PveSimulator start(int nodes, Duration taskDelay) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add(nodeName(i));
        }
        return PveSimulator.builder().clusterName("bench").nodes(names.toArray(String[]::new))
                .taskDuration(taskDelay).start();
    }

    public static String nodeName(int i) {
        return String.format("pve%02d", i);
    }

    /** Arguments: node count (default 4), task delay in ms (default 0). */
    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 0;
        PveSimulator sim = start(n, Duration.ofMillis(delay));
        for (SimNode node : sim.nodes()) {
            System.out.printf("%s https://127.0.0.1:%d sha256=%s%n", node.name(), node.port(), node.fingerprint());
        }
        System.out.println("root@pam password: " + PveSimulator.ROOT_PASSWORD + "; Ctrl-C stops");
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        new CountDownLatch(1).await();
    }
}
