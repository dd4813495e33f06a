package com.pveams.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.adapters.pve.sim.SimNode;
import com.pveams.adapters.ssh.emulator.NodeEmulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The inventory of a run. Through the admin API where that is how an operator does it and it is quick: the billing
 * key, the nodes (each registration checks the simulated node's TLS certificate, PVE login, cluster and SSH login,
 * and pins both keys), the IP pools. In SQL where the API path is not what is measured or would take too long: the
 * OS image marked downloaded on every node (the download itself is a background job of its own), and the 10,000
 * VM rows of the API figures (10,000 creates would take the whole time budget; the rows have the columns a
 * provisioned VM has, and the simulator is given the matching running guests so the lists show live data).
 */
public final class Seeding {
    public static final String IMAGE_FILE = "bench-debian-12.qcow2";
    private static final long IMAGE_BYTES = 1L << 30;

    private final Api api;
    private final Database db;
    private final PveSimulator sim;
    /** Node row id by PVE node name, in the simulator's order. */
    private final Map<String, Long> nodeIds = new LinkedHashMap<>();

    public Seeding(Api api, Database db, PveSimulator sim) {
        this.api = api;
        this.db = db;
        this.sim = sim;
    }

    public Map<String, Long> nodeIds() {
        return nodeIds;
    }

    public long nodeId(int index) {
        return nodeIds.get(SimulatorMain.nodeName(index));
    }

    /** A billing key for the public API; returns {appid, appkey}. */
    public String[] apiKey() {
        JsonNode data = api.adminPost("insertApiKey", Map.of("info", "benchmark")).get("data");
        return new String[]{data.get("appid").asText(), data.get("appkey").asText()};
    }

    /** Registers every simulated node (4 at a time), then waits until the node monitor has seen all online. */
    public void registerNodes(NodeEmulator ssh, Duration onlineWithin) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SimNode n : sim.nodes()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", "bench-" + n.name());
                f.put("host", "127.0.0.1");
                f.put("port", n.port());
                f.put("nodeName", n.name());
                f.put("username", "root");
                f.put("password", PveSimulator.ROOT_PASSWORD);
                f.put("sshPort", ssh.port());
                f.put("sshUsername", NodeEmulator.USER);
                f.put("sshPassword", NodeEmulator.PASSWORD);
                f.put("status", "0");
                done.add(pool.submit(() -> api.adminPost("insertNodeMaster", f)));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = db.connect(); var rs = c.createStatement().executeQuery(
                "SELECT pve_node_name, id FROM node ORDER BY pve_node_name")) {
            while (rs.next()) {
                nodeIds.put(rs.getString(1), rs.getLong(2));
            }
        }
        long deadline = System.nanoTime() + onlineWithin.toNanos();
        while (db.value("SELECT count(*) FROM node WHERE status <> 0") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nodes not online within " + onlineWithin);
            }
            Thread.sleep(100);
        }
    }

    /** A /24 pool on each of the first {@code count} nodes, through {@code insertIpPoolByMask}. */
    public void pools(int count) {
        for (int i = 1; i <= count; i++) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("poolName", "bench-pool-" + i);
            b.put("nodeId", nodeId(i));
            b.put("gateway", "10.100." + i + ".1");
            b.put("mask", 24);
            b.put("ipVersion", 4);
            b.put("dns1", "9.9.9.9");
            api.adminPost("insertIpPoolByMask", b);
        }
    }

    /** The OS image, downloaded on every node (a 1 GiB volume in each node's {@code local} import storage); returns its id. */
    public long image() throws Exception {
        long id = db.value("INSERT INTO os_image (name, file_name, type, arch, os_type, size_bytes, url)"
                + " VALUES ('Bench Debian 12', ?, 'linux', 'x86_64', 'debian', ?, 'https://images.example.org/bench.qcow2')"
                + " RETURNING id", IMAGE_FILE, IMAGE_BYTES);
        String volume = "local:import/" + IMAGE_FILE;
        for (Map.Entry<String, Long> n : nodeIds.entrySet()) {
            sim.node(n.getKey()).addVolume("local", volume, "import", IMAGE_BYTES);
            db.execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location)"
                    + " VALUES (?, ?, 2, 100, 'PVE', ?)", id, n.getValue(), volume);
        }
        return id;
    }

    /**
     * {@code count} running VMs spread round-robin over every node (one statement), vmids from 100000, and the same
     * guests running in the simulator. Returns the first and last row id.
     */
    public long[] bulkVms(int count) throws Exception {
        List<String> names = new ArrayList<>(nodeIds.keySet());
        Long[] ids = nodeIds.values().toArray(Long[]::new);
        long first;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc, os_file_name, os_name,
                                os_type, storage, system_disk_gb, bridge, expires_at, ip_config, status, memory_mb, cores)
                SELECT (?::bigint[])[1 + g % ?], 100000 + g, 'bulk-' || g, 'root', decode(repeat('00', 32), 'hex'),
                       ?, 'Bench Debian 12', 'linux', 'local-lvm', 20, 'vmbr0', now() + interval '365 days',
                       CAST('{}' AS jsonb), 0, 1024, 2
                FROM generate_series(0, ? - 1) g""")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setInt(2, ids.length);
            ps.setString(3, IMAGE_FILE);
            ps.setInt(4, count);
            ps.executeUpdate();
        }
        first = db.value("SELECT min(id) FROM vm WHERE hostname LIKE 'bulk-%'");
        for (int g = 0; g < count; g++) {
            sim.addVm(names.get(g % names.size()), 100000 + g, "bulk-" + g, 1024, 2, true);
        }
        return new long[]{first, db.value("SELECT max(id) FROM vm WHERE hostname LIKE 'bulk-%'")};
    }
}
