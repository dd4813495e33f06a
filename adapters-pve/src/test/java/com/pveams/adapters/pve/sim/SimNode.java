package com.pveams.adapters.pve.sim;

import com.pveams.adapters.pve.tls.Fingerprints;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.hypervisor.NodeEndpoint;
import com.pveams.application.port.out.hypervisor.TlsTrust;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated PVE node: its own HTTPS listener on 127.0.0.1 with its own self-signed certificate, capacity
 * (CPUs, memory), storages, faults and response delay. Requests for any node name are answered by any listener, as
 * PVE's proxy does within a cluster; state is shared through {@link PveSimulator}.
 */
public final class SimNode {

    /** A storage on this node. Sizes in bytes. */
    public static final class Storage {
        final String name;
        final String type;
        final List<String> content;
        final long total;
        long used;
        final boolean shared;
        /** volid -> volume. */
        final Map<String, Volume> volumes = new LinkedHashMap<>();

        Storage(String name, String type, List<String> content, long total, boolean shared) {
            this.name = name;
            this.type = type;
            this.content = List.copyOf(content);
            this.total = total;
            this.shared = shared;
        }

        long avail() {
            return total - used;
        }

        /** Where PVE keeps a file storage's data ({@code GET /storage}'s {@code path}): local's is /var/lib/vz. */
        java.util.Optional<String> path() {
            if (!java.util.Set.of("dir", "nfs", "cifs", "cephfs", "btrfs").contains(type)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of("local".equals(name) ? "/var/lib/vz" : "/mnt/pve/" + name);
        }
    }

    record Volume(String volid, String content, String format, long size, Integer vmid, long ctime) {
    }

    final PveSimulator sim;
    final String name;
    final int cpus;
    final long memoryTotal;
    final Map<String, Storage> storages = new LinkedHashMap<>();
    final List<Fault> faults = new CopyOnWriteArrayList<>();
    volatile Duration responseDelay = Duration.ZERO;
    private volatile SelfSignedCertificate certificate;
    private volatile HttpServer server;
    private volatile int port;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    /** TCP connections accepted (HTTP and WebSocket), across restarts: shows whether a client reuses them. */
    final AtomicInteger connections = new AtomicInteger();
    /** Requests parked by {@link #holdResponses()}; guarded by itself, like {@link #holding}. */
    final List<Runnable> held = new ArrayList<>();
    boolean holding;

    SimNode(PveSimulator sim, String name, int cpus, long memoryTotal) {
        this.sim = sim;
        this.name = name;
        this.cpus = cpus;
        this.memoryTotal = memoryTotal;
        this.certificate = SelfSignedCertificate.create(name);
        storages.put("local", new Storage("local", "dir", List.of("iso", "vztmpl", "backup", "import", "snippets"),
                100L << 30, false));
        storages.put("local-lvm", new Storage("local-lvm", "lvmthin", List.of("images", "rootdir"), 500L << 30,
                false));
    }

    public String name() {
        return name;
    }

    /** The port this node listens on (stays the same across {@link #stop()}/{@link #start()}). */
    public int port() {
        return port;
    }

    /** SHA-256 fingerprint of the node's current certificate, as PVE shows it. */
    public String fingerprint() {
        return Fingerprints.sha256(certificate());
    }

    /** The node's current (self-signed) certificate. */
    public X509Certificate certificate() {
        try (InputStream in = Files.newInputStream(Path.of(certificate.certificatePath()))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An endpoint for this node: root@pam with password, certificate pinned. */
    public NodeEndpoint rootEndpoint() {
        return new NodeEndpoint("127.0.0.1", port, name, new NodeAuth.Password("root", "pam",
                PveSimulator.ROOT_PASSWORD), TlsTrust.pinned(fingerprint()));
    }

    /** An endpoint for this node with other credentials, certificate pinned. */
    public NodeEndpoint endpoint(NodeAuth auth) {
        return new NodeEndpoint("127.0.0.1", port, name, auth, TlsTrust.pinned(fingerprint()));
    }

    /** Adds a storage (content types like images, iso, import, backup, snippets). */
    public SimNode addStorage(String storage, String type, List<String> content, long totalBytes) {
        synchronized (sim) {
            storages.put(storage, new Storage(storage, type, content, totalBytes, false));
        }
        return this;
    }

    /** Puts a file onto a storage (e.g. an ISO or import image). */
    public SimNode addVolume(String storage, String volid, String content, long size) {
        synchronized (sim) {
            Storage s = storages.get(storage);
            s.volumes.put(volid, new Volume(volid, content, volid.endsWith(".iso") ? "iso" : "qcow2", size, null,
                    System.currentTimeMillis() / 1000));
            s.used += size;
        }
        return this;
    }

    /** Every answer of this node is delayed by {@code d} (makes concurrency observable). */
    public SimNode responseDelay(Duration d) {
        this.responseDelay = d;
        return this;
    }

    public SimNode inject(Fault fault) {
        faults.add(fault);
        return this;
    }

    public void clearFaults() {
        faults.clear();
    }

    /**
     * From now on this node keeps every request it receives (counted as in flight) without answering, until
     * {@link #releaseResponses()}: a test can then see exactly how many requests a client lets run at once.
     */
    public SimNode holdResponses() {
        synchronized (held) {
            holding = true;
        }
        return this;
    }

    /** Answers every held request and stops holding. */
    public SimNode releaseResponses() {
        List<Runnable> release;
        synchronized (held) {
            holding = false;
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(Runnable::run);
        return this;
    }

    /** Requests this node is handling right now (held ones included). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Highest number of requests this node was handling at the same time. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** TCP connections this node has accepted so far (a client that keeps them alive opens few). */
    public int connectionsAccepted() {
        return connections.get();
    }

    public void resetConcurrencyStats() {
        maxInFlight.set(0);
    }

    /** Starts (or restarts, on the same port) the HTTPS listener. */
    public synchronized SimNode start() {
        if (server != null) {
            return this;
        }
        HttpServerOptions opts = new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(port)
                .setKeyCertOptions(certificate.keyCertOptions());
        HttpServer s = sim.vertx.createHttpServer(opts);
        s.connectionHandler(c -> connections.incrementAndGet());
        s.webSocketHandler(ws -> sim.handleWebSocket(this, ws));
        s.requestHandler(req -> sim.handle(this, req));
        try {
            s.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start simulated node " + name, e);
        }
        port = s.actualPort();
        server = s;
        return this;
    }

    /** Closes the listener: the node becomes unreachable (connection refused) until {@link #start()}. */
    public synchronized SimNode stop() {
        HttpServer s = server;
        server = null;
        if (s != null) {
            try {
                s.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** Replaces the node's certificate (as after a reinstall) and restarts the listener on the same port. */
    public synchronized SimNode rotateCertificate() {
        stop();
        certificate = SelfSignedCertificate.create(name);
        return start();
    }

    boolean running() {
        return server != null;
    }

    List<String> storageNames() {
        return new ArrayList<>(storages.keySet());
    }
}
