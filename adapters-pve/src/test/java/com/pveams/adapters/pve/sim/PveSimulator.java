package com.pveams.adapters.pve.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pveams.adapters.pve.contract.PveRequest;
import com.pveams.adapters.pve.contract.PveSchemaValidator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful PVE cluster simulator for tests: N nodes, each an HTTPS listener with a self-signed certificate (see
 * {@link SimNode}). Implements the endpoints the product uses with real state (VMs, storages, tasks, tickets) and
 * PVE's error behaviour, validates every request against the PVE 9.1 schema (400 with PVE's {@code errors} when
 * invalid) and injects faults. See {@code adapters-pve/README.md} for usage.
 * <p>
 * Simulated time (ticket lifetimes, task durations, fresh UPIDs, guest agent start) comes from the builder's
 * {@link Builder#clock clock}: with a hand-moved clock nothing happens until the test moves it, so a test decides
 * exactly what is still running. A task's end is applied the next time anything looks (a request or a test accessor).
 *
 * <pre>
 * try (PveSimulator sim = PveSimulator.builder().nodes("pve1", "pve2").taskDuration(Duration.ofMillis(50)).start()) {
 *     SimNode pve1 = sim.node("pve1");   // pve1.port(), pve1.fingerprint()
 *     pve1.inject(Fault.lockTimeout(100).on("POST", ".*&#47;status/start"));
 * }
 * </pre>
 */
public final class PveSimulator implements AutoCloseable {

    public static final String ROOT_PASSWORD = "root-secret";

    /** What a request was, for assertions. */
    public record Seen(String node, String method, String path, String auth, boolean csrf, int status) {
    }

    /** A VM's state. */
    static final class Vm {
        final int vmid;
        String node;
        final Map<String, String> config = new LinkedHashMap<>();
        String status = "stopped";
        String qmpStatus = "stopped";
        long startedAt;
        String lock;
        /** When the guest agent answers; null while the VM does not run. */
        Instant agentReadyAt;
        final Map<String, String> guestPasswords = new LinkedHashMap<>();
        final Map<String, Long> snapshots = new LinkedHashMap<>();
        int cloudInitRegenerations;
        int diskCounter;
        /** volume id -> the {@code import-from} it was made from (reinstall tests). */
        final Map<String, String> importedFrom = new LinkedHashMap<>();

        Vm(int vmid, String node) {
            this.vmid = vmid;
            this.node = node;
        }
    }

    /** A task (UPID). */
    static final class Task {
        final String upid;
        final String node;
        final Instant visibleAt;
        final Instant endsAt;
        final List<String> storages;
        /** Runs at the end (under the simulator's lock): null for OK or an error text. */
        final java.util.function.Supplier<String> work;
        boolean running = true;
        String exitStatus;
        final List<String> log = new ArrayList<>();

        Task(String upid, String node, Instant visibleAt, Instant endsAt, List<String> storages,
             java.util.function.Supplier<String> work) {
            this.upid = upid;
            this.node = node;
            this.visibleAt = visibleAt;
            this.endsAt = endsAt;
            this.storages = List.copyOf(storages);
            this.work = work;
        }
    }

    private record Ticket(String user, String csrf, Instant issued) {
    }

    private record Principal(String user, boolean token) {
        boolean root() {
            return "root@pam".equals(user);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DISK_KEY = Pattern.compile("^(scsi|virtio|sata|ide)(\\d+)$");
    private static final Pattern NEW_DISK = Pattern.compile("^([a-zA-Z][\\w.\\-]*):(\\d+(?:\\.\\d+)?)$");
    private static final long GIB = 1L << 30;

    final Vertx vertx;
    private final PveSchemaValidator validator = PveSchemaValidator.load();
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    private final Map<Integer, Vm> vms = new TreeMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    /** Concurrent: {@link #authenticate} reads it on every request without the simulator's lock. */
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, Integer> vncTickets = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> runningStorageTasks = new LinkedHashMap<>();
    private final Map<String, Integer> maxStorageTasks = new LinkedHashMap<>();
    /** Appended on every answer: a queue, not a copy-on-write list whose every add copies all earlier requests. */
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicInteger seenCount = new AtomicInteger();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final String clusterName;
    private volatile Duration ticketLifetime;
    private volatile Duration taskDuration;
    private volatile Duration taskVisibilityDelay;
    private volatile Duration agentStartDelay;
    private volatile long importBytesPerSecond;
    private volatile Duration cloneDuration;
    private final AtomicInteger pidCounter = new AtomicInteger(0x1000);
    private int vncPortCounter;
    private int logins;
    private int renewals;

    private PveSimulator(Builder b) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        this.clock = b.clock;
        this.ticketLifetime = b.ticketLifetime;
        this.taskDuration = b.taskDuration;
        this.taskVisibilityDelay = b.taskVisibilityDelay;
        this.agentStartDelay = b.agentStartDelay;
        this.importBytesPerSecond = b.importBytesPerSecond;
        this.cloneDuration = b.cloneDuration;
        this.clusterName = b.clusterNameSet ? b.clusterName : b.nodeNames.size() > 1 ? "sim-cluster" : null;
        passwords.put("root@pam", ROOT_PASSWORD);
        passwords.putAll(b.users);
        tokens.putAll(b.tokens);
        for (String n : b.nodeNames) {
            nodes.put(n, new SimNode(this, n, 16, 64L * GIB));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures and starts a simulator. */
    public static final class Builder {
        private final List<String> nodeNames = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration ticketLifetime = Duration.ofHours(2);
        private Duration taskDuration = Duration.ofMillis(100);
        private Duration taskVisibilityDelay = Duration.ZERO;
        private Duration agentStartDelay = Duration.ZERO;
        private long importBytesPerSecond;
        private Duration cloneDuration;
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> tokens = new LinkedHashMap<>();
        private String clusterName;
        private boolean clusterNameSet;

        /**
         * The name /cluster/status reports; null makes the nodes stand-alone. Default: stand-alone for one node,
         * {@code sim-cluster} for several.
         */
        public Builder clusterName(String name) {
            this.clusterName = name;
            this.clusterNameSet = true;
            return this;
        }

        public Builder nodes(String... names) {
            nodeNames.addAll(List.of(names));
            return this;
        }

        /** Where simulated time comes from (default: the system clock); tests pass a hand-moved one. */
        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        /** Simulated ticket lifetime (PVE: 2 h). */
        public Builder ticketLifetime(Duration d) {
            ticketLifetime = d;
            return this;
        }

        /** How long every task runs before it stops. */
        public Builder taskDuration(Duration d) {
            taskDuration = d;
            return this;
        }

        /** How long a new UPID answers 400 on its status (PVE writes task files a moment after the call). */
        public Builder taskVisibilityDelay(Duration d) {
            taskVisibilityDelay = d;
            return this;
        }

        /** Time after a VM start until its guest agent answers. */
        public Builder agentStartDelay(Duration d) {
            agentStartDelay = d;
            return this;
        }

        /**
         * Disk imports ({@code import-from}) take {@code taskDuration} plus the source's size at this rate on the
         * simulator's clock; 0 (default) makes them as long as any other task.
         */
        public Builder importRate(long bytesPerSecond) {
            importBytesPerSecond = bytesPerSecond;
            return this;
        }

        /** How long a clone runs, whatever the disk size (default: {@code taskDuration}). */
        public Builder cloneDuration(Duration d) {
            cloneDuration = d;
            return this;
        }

        /** An extra user (USER@REALM) with a password; non-root users cannot set root-only options. */
        public Builder user(String userId, String password) {
            users.put(userId, password);
            return this;
        }

        /** An API token: {@code userId!tokenId} with its secret. */
        public Builder token(String userId, String tokenId, String secret) {
            tokens.put(userId + "!" + tokenId, secret);
            return this;
        }

        public PveSimulator start() {
            if (nodeNames.isEmpty()) {
                nodeNames.add("pve1");
            }
            PveSimulator sim = new PveSimulator(this);
            sim.nodes.values().forEach(SimNode::start);
            return sim;
        }
    }

    // ------------------------------------------------------------------ test API

    public SimNode node(String name) {
        SimNode n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no simulated node " + name);
        }
        return n;
    }

    public List<SimNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public void ticketLifetime(Duration d) {
        ticketLifetime = d;
    }

    public void taskDuration(Duration d) {
        taskDuration = d;
    }

    public void taskVisibilityDelay(Duration d) {
        taskVisibilityDelay = d;
    }

    /** How many requests all nodes have answered so far (cheaper than {@link #requests()} for counting). */
    public int requestsSeen() {
        return seenCount.get();
    }

    /** TCP connections all nodes have accepted so far: with {@link #requestsSeen()}, how well clients reuse them. */
    public int connectionsAccepted() {
        return nodes.values().stream().mapToInt(SimNode::connectionsAccepted).sum();
    }

    private void see(Seen request) {
        seen.add(request);
        seenCount.incrementAndGet();
    }

    /** Every request seen (all nodes), in order. */
    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** Requests the schema validator rejected (each also got a 400); tests assert this stays empty. */
    public List<String> schemaViolations() {
        return List.copyOf(violations);
    }

    public synchronized int passwordLogins() {
        return logins;
    }

    public synchronized int ticketRenewals() {
        return renewals;
    }

    public synchronized boolean vmExists(int vmid) {
        settle();
        return vms.containsKey(vmid);
    }

    public synchronized String vmStatus(int vmid) {
        settle();
        Vm vm = vms.get(vmid);
        return vm == null ? null : vm.status;
    }

    public synchronized Map<String, String> vmConfig(int vmid) {
        settle();
        Vm vm = vms.get(vmid);
        return vm == null ? Map.of() : Map.copyOf(vm.config);
    }

    public synchronized Optional<String> guestPassword(int vmid, String user) {
        settle();
        Vm vm = vms.get(vmid);
        return vm == null ? Optional.empty() : Optional.ofNullable(vm.guestPasswords.get(user));
    }

    public synchronized int cloudInitRegenerations(int vmid) {
        settle();
        Vm vm = vms.get(vmid);
        return vm == null ? 0 : vm.cloudInitRegenerations;
    }

    /**
     * Puts a VM on a node as if it had been created earlier (no task, no disks allocated): for tests of readers
     * that need existing guests. {@code running} boots it.
     */
    public synchronized void addVm(String node, int vmid, String name, int memoryMb, int cores, boolean running) {
        settle();
        if (vms.containsKey(vmid)) {
            throw new IllegalStateException("VM " + vmid + " already exists");
        }
        Vm vm = new Vm(vmid, node);
        vm.config.put("name", name);
        vm.config.put("memory", Integer.toString(memoryMb));
        vm.config.put("cores", Integer.toString(cores));
        vm.config.put("scsi0", "local-lvm:vm-" + vmid + "-disk-0,size=10G");
        vms.put(vmid, vm);
        if (running) {
            boot(vm);
        }
    }

    /** Sets one config key of an existing VM as if an admin had edited it on the node (e.g. {@code agent}, {@code ide2}). */
    public synchronized void setVmConfig(int vmid, String key, String value) {
        settle();
        vms.get(vmid).config.put(key, value);
    }

    /** Powers a VM off or on as if someone did it on the node, outside the service (reconciliation tests). */
    public synchronized void setVmRunningByHand(int vmid, boolean running) {
        settle();
        Vm vm = vms.get(vmid);
        if (running) {
            boot(vm);
        } else {
            halt(vm);
        }
    }

    /** Removes a VM as if someone destroyed it on the node, outside the service (reconciliation tests). */
    public synchronized void removeVmByHand(int vmid) {
        settle();
        vms.remove(vmid);
    }

    public synchronized void addSnapshot(int vmid, String name) {
        settle();
        vms.get(vmid).snapshots.put(name, clock.millis() / 1000);
    }

    /** Whether any storage of any node holds this volume (reinstall tests: an old disk destroyed). */
    public synchronized boolean volumeExists(String volid) {
        settle();
        return nodes.values().stream().anyMatch(n -> n.storages.values().stream()
                .anyMatch(s -> s.volumes.containsKey(volid)));
    }

    /** The {@code import-from} source a VM's volume was made from, if it was imported. */
    public synchronized Optional<String> importedFrom(int vmid, String volid) {
        settle();
        Vm vm = vms.get(vmid);
        return vm == null ? Optional.empty() : Optional.ofNullable(vm.importedFrom.get(volid));
    }

    /** Like PVE, the next disk name neither a storage nor the VM's config uses (a detached volume keeps its name). */
    private String freeVolumeName(SimNode n, Vm vm, String storage) {
        while (true) {
            String volid = storage + ":vm-" + vm.vmid + "-disk-" + vm.diskCounter++;
            boolean taken = n.storages.values().stream().anyMatch(x -> x.volumes.containsKey(volid))
                    || vm.config.values().stream().anyMatch(v -> v.split(",")[0].equals(volid));
            if (!taken) {
                return volid;
            }
        }
    }

    /**
     * PVE's {@code delete} of a config key: a disk's volume is detached as the next free {@code unusedN} (kept on
     * its storage), deleting an {@code unusedN} destroys its volume, any other key just goes.
     */
    private void deleteConfigKey(SimNode n, Vm vm, String key) {
        String value = vm.config.remove(key);
        if (value == null) {
            return;
        }
        String volid = value.split(",")[0];
        if (DISK_KEY.matcher(key).matches() && !value.contains("media=cdrom") && !volid.contains("cloudinit")
                && volid.contains(":")) {
            int i = 0;
            while (vm.config.containsKey("unused" + i)) {
                i++;
            }
            vm.config.put("unused" + i, volid);
        } else if (key.matches("unused\\d+")) {
            for (SimNode.Storage st : n.storages.values()) {
                SimNode.Volume v = st.volumes.remove(volid);
                if (v != null) {
                    st.used -= v.size();
                }
            }
        }
    }

    /** Highest number of storage-allocating tasks that ran at the same time on node/storage. */
    public synchronized int maxConcurrentStorageTasks(String node, String storage) {
        return maxStorageTasks.getOrDefault(node + "/" + storage, 0);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ HTTP entry

    void handle(SimNode listener, HttpServerRequest req) {
        if (vncUpgrade(listener, req)) {
            return;
        }
        req.body().onSuccess(buf -> {
            int now = listener.inFlight.incrementAndGet();
            listener.maxInFlight.accumulateAndGet(now, Math::max);
            long delay = listener.responseDelay.toMillis();
            Runnable work = () -> {
                try {
                    dispatch(listener, req, buf.toString(StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    respond(req, listener, null, 500, error("internal simulator error: " + e), null);
                }
            };
            synchronized (listener.held) {
                if (listener.holding) {
                    io.vertx.core.Context context = vertx.getOrCreateContext();
                    listener.held.add(() -> context.runOnContext(v -> work.run()));
                    return;
                }
            }
            if (delay > 0) {
                vertx.setTimer(delay, id -> work.run());
            } else {
                work.run();
            }
        });
    }

    private void dispatch(SimNode listener, HttpServerRequest req, String body) {
        String method = req.method().name();
        PveRequest pr = PveRequest.parse(method, req.uri(), req.getHeader("Content-Type"), body);
        PveSchemaValidator.Result vr = validator.validate(pr);
        String authKind = req.getHeader("Authorization") != null
                && req.getHeader("Authorization").startsWith("PVEAPIToken") ? "token"
                : cookieTicket(req) != null ? "ticket" : "none";
        boolean csrf = req.getHeader("CSRFPreventionToken") != null;
        Seen base = new Seen(listener.name, method, pr.path(), authKind, csrf, 0);
        if (vr.endpoint().isEmpty()) {
            respond(req, listener, base, 501, error("Method '" + method + " " + pr.path() + "' not implemented"),
                    null);
            return;
        }
        String template = vr.endpoint().get().template();
        Principal principal = null;
        if (!"/access/ticket".equals(template)) {
            Object auth = authenticate(req, !"GET".equals(method));
            if (auth instanceof String msg) {
                respond(req, listener, base, 401, error(msg), null);
                return;
            }
            principal = (Principal) auth;
        }
        if (!vr.errors().isEmpty()) {
            violations.add(method + " " + pr.path() + " " + vr.errors());
            ObjectNode err = error("Parameter verification failed.");
            ObjectNode errors = err.putObject("errors");
            vr.errors().forEach(errors::put);
            respond(req, listener, base, 400, err, null);
            return;
        }
        Map<String, String> p = new LinkedHashMap<>(pr.params());
        String[] ts = template.substring(1).split("/");
        for (int i = 0; i < ts.length; i++) {
            if (ts[i].startsWith("{")) {
                p.put(ts[i].substring(1, ts[i].length() - 1), pr.segments().get(i));
            }
        }
        Fault fault = null;
        for (Fault f : listener.faults) {
            if (f.matches(method, pr.path()) && f.consume()) {
                fault = f;
                break;
            }
        }
        if (fault != null) {
            switch (fault.type) {
                case HANG -> {
                    see(base);
                    listener.inFlight.decrementAndGet();
                    return;
                }
                case HTTP_ERROR -> {
                    respond(req, listener, base, fault.status, error(fault.message), null);
                    return;
                }
                case DELAY -> {
                    Principal pp = principal;
                    vertx.setTimer(Math.max(1, fault.delay.toMillis()),
                            id -> route(listener, req, base, method + " " + template, p, pp, null));
                    return;
                }
                case FAIL_TASK -> {
                    route(listener, req, base, method + " " + template, p, principal, fault.message);
                    return;
                }
            }
        }
        route(listener, req, base, method + " " + template, p, principal, null);
    }

    private void route(SimNode listener, HttpServerRequest req, Seen base, String route, Map<String, String> p,
                       Principal who, String failTask) {
        Answer a;
        synchronized (this) {
            settle();
            try {
                a = switch (route) {
                    case "POST /access/ticket" -> login(p);
                    case "GET /version" -> ok(JSON.createObjectNode().put("version", "9.1.1").put("release", "9.1"));
                    case "GET /nodes" -> listNodes(listener);
                    case "GET /cluster/status" -> clusterStatus(listener);
                    case "GET /nodes/{node}/status" -> nodeStatus(node(p));
                    case "GET /nodes/{node}/rrddata" -> ok(rrd(p.get("timeframe"), false));
                    case "GET /nodes/{node}/network" -> network(node(p));
                    case "GET /nodes/{node}/storage" -> storageList(node(p), p);
                    case "GET /storage" -> storageConfigs(); // multi-IP snippets: the storage's directory
                    case "GET /nodes/{node}/storage/{storage}/content" -> storageContent(node(p), p);
                    case "GET /nodes/{node}/storage/{storage}/status" -> storageStatus(node(p), p);
                    case "POST /nodes/{node}/qemu/{vmid}/clone" -> cloneVm(vm(p), p, who, failTask);
                    case "POST /nodes/{node}/qemu/{vmid}/template" -> convertToTemplate(vm(p), p, who, failTask);
                    case "POST /nodes/{node}/storage/{storage}/download-url" -> downloadUrl(node(p), p, who,
                            failTask);
                    case "GET /nodes/{node}/tasks/{upid}/status" -> taskStatus(p.get("upid"));
                    case "GET /nodes/{node}/tasks/{upid}/log" -> taskLog(p);
                    case "GET /cluster/nextid" -> nextId(p);
                    case "GET /cluster/resources" -> clusterResources(p.get("type"));
                    case "GET /nodes/{node}/qemu" -> listVms(node(p));
                    case "POST /nodes/{node}/qemu" -> createVm(node(p), p, who, failTask);
                    case "GET /nodes/{node}/qemu/{vmid}/config" -> getConfig(vm(p));
                    case "POST /nodes/{node}/qemu/{vmid}/config", "PUT /nodes/{node}/qemu/{vmid}/config" ->
                            setConfig(vm(p), p, who, route.startsWith("POST"), failTask);
                    case "DELETE /nodes/{node}/qemu/{vmid}" -> deleteVm(vm(p), who, failTask);
                    case "GET /nodes/{node}/qemu/{vmid}/status/current" -> vmStatusAnswer(vm(p));
                    case "POST /nodes/{node}/qemu/{vmid}/status/start",
                         "POST /nodes/{node}/qemu/{vmid}/status/stop",
                         "POST /nodes/{node}/qemu/{vmid}/status/shutdown",
                         "POST /nodes/{node}/qemu/{vmid}/status/reboot",
                         "POST /nodes/{node}/qemu/{vmid}/status/reset",
                         "POST /nodes/{node}/qemu/{vmid}/status/suspend",
                         "POST /nodes/{node}/qemu/{vmid}/status/resume" ->
                            power(vm(p), route.substring(route.lastIndexOf('/') + 1), p, who, failTask);
                    case "PUT /nodes/{node}/qemu/{vmid}/resize" -> resize(vm(p), p, who, failTask);
                    case "GET /nodes/{node}/qemu/{vmid}/rrddata" -> {
                        vm(p);
                        yield ok(rrd(p.get("timeframe"), true));
                    }
                    case "POST /nodes/{node}/qemu/{vmid}/vncproxy" -> vncProxy(vm(p), who);
                    case "PUT /nodes/{node}/qemu/{vmid}/cloudinit" -> regenerateCloudInit(vm(p));
                    case "POST /nodes/{node}/qemu/{vmid}/agent/ping" -> agent(vm(p), null);
                    case "POST /nodes/{node}/qemu/{vmid}/agent/set-user-password" -> agent(vm(p), p);
                    case "GET /nodes/{node}/qemu/{vmid}/snapshot" -> snapshots(vm(p));
                    case "DELETE /nodes/{node}/qemu/{vmid}/snapshot/{snapname}" -> deleteSnapshot(vm(p),
                            p.get("snapname"), who, failTask);
                    default -> new Answer(501, error("Method '" + route + "' not implemented in the simulator"));
                };
            } catch (PveErrorWithBody e) {
                a = new Answer(e.status, e.body);
            } catch (PveError e) {
                a = new Answer(e.status, error(e.getMessage()));
            }
        }
        respond(req, listener, base, a.status, a.body, null);
    }

    private record Answer(int status, ObjectNode body) {
    }

    private static class PveError extends RuntimeException {
        final int status;

        PveError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void respond(HttpServerRequest req, SimNode listener, Seen base, int status, ObjectNode body,
                         String unused) {
        if (base != null) {
            see(new Seen(base.node(), base.method(), base.path(), base.auth(), base.csrf(), status));
        }
        listener.inFlight.decrementAndGet();
        String reason = status == 200 ? "OK" : status == 400 ? "Parameter verification failed."
                : Optional.ofNullable(body.path("message").asText(null)).orElse("error").split("\n")[0];
        try {
            req.response().setStatusCode(status).setStatusMessage(reason.replaceAll("[^\\x20-\\x7e]", "?"))
                    .putHeader("Content-Type", "application/json;charset=UTF-8")
                    .end(JSON.writeValueAsString(body));
        } catch (Exception e) {
            req.response().setStatusCode(500).end();
        }
    }

    private static ObjectNode error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.set("data", NullNode.getInstance());
        n.put("message", message.endsWith("\n") ? message : message + "\n");
        return n;
    }

    private static Answer ok(JsonNode data) {
        ObjectNode n = JSON.createObjectNode();
        n.set("data", data == null ? NullNode.getInstance() : data);
        return new Answer(200, n);
    }

    // ------------------------------------------------------------------ auth

    private static String cookieTicket(HttpServerRequest req) {
        String cookie = req.getHeader("Cookie");
        if (cookie != null) {
            for (String c : cookie.split(";")) {
                String t = c.trim();
                if (t.startsWith("PVEAuthCookie=")) {
                    return PveRequest.percentDecode(t.substring("PVEAuthCookie=".length()), false);
                }
            }
        }
        String auth = req.getHeader("Authorization");
        if (auth != null && auth.startsWith("PVEAuthCookie=")) {
            return auth.substring("PVEAuthCookie=".length());
        }
        return null;
    }

    /** Returns a Principal or an error message for 401. Not under the simulator's lock: it reads concurrent maps. */
    private Object authenticate(HttpServerRequest req, boolean mutating) {
        String auth = req.getHeader("Authorization");
        if (auth != null && auth.startsWith("PVEAPIToken=")) {
            String v = auth.substring("PVEAPIToken=".length());
            int eq = v.lastIndexOf('=');
            if (eq < 0) {
                return "invalid token value";
            }
            String id = v.substring(0, eq);
            String secret = v.substring(eq + 1);
            if (!secret.equals(tokens.get(id))) {
                return "invalid token value!";
            }
            return new Principal(id.substring(0, id.indexOf('!')), true);
        }
        String ticket = cookieTicket(req);
        if (ticket == null) {
            return "No ticket";
        }
        Ticket t = validTicket(ticket);
        if (t == null) {
            return "invalid PVE ticket";
        }
        if (mutating && !t.csrf().equals(req.getHeader("CSRFPreventionToken"))) {
            return "Permission denied - invalid csrf token";
        }
        return new Principal(t.user(), false);
    }

    private Ticket validTicket(String ticket) {
        Ticket t = tickets.get(ticket);
        if (t == null) {
            return null;
        }
        if (!clock.instant().isBefore(t.issued().plus(ticketLifetime))) {
            tickets.remove(ticket, t);
            return null;
        }
        return t;
    }

    private Answer login(Map<String, String> p) {
        String user = p.get("username");
        if (!user.contains("@")) {
            user = user + "@" + p.getOrDefault("realm", "pam");
        }
        String password = p.get("password");
        Ticket existing = validTicket(password);
        boolean renewal = existing != null && existing.user().equals(user);
        if (!renewal && !password.equals(passwords.get(user))) {
            throw new PveError(401, "authentication failure");
        }
        if (renewal) {
            renewals++;
        } else {
            logins++;
        }
        String ticket = "PVE:" + user + ":" + HexFormat.of().toHexDigits((int) (clock.millis() / 1000))
                .toUpperCase(Locale.ROOT) + "::" + Base64.getEncoder().encodeToString(randomBytes(24));
        String csrf = HexFormat.of().toHexDigits((int) (clock.millis() / 1000)).toUpperCase(Locale.ROOT)
                + ":" + Base64.getEncoder().withoutPadding().encodeToString(randomBytes(20));
        tickets.put(ticket, new Ticket(user, csrf, clock.instant()));
        ObjectNode d = JSON.createObjectNode();
        d.put("username", user).put("ticket", ticket).put("CSRFPreventionToken", csrf);
        d.putObject("cap");
        return ok(d);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ lookups

    private SimNode node(Map<String, String> p) {
        SimNode n = nodes.get(p.get("node"));
        if (n == null) {
            throw new PveError(595, "no such node '" + p.get("node") + "'");
        }
        if (!n.running()) {
            throw new PveError(595, "Connection refused");
        }
        return n;
    }

    private Vm vm(Map<String, String> p) {
        SimNode n = node(p);
        int vmid = Integer.parseInt(p.get("vmid"));
        Vm vm = vms.get(vmid);
        if (vm == null || !vm.node.equals(n.name)) {
            throw new PveError(500, "Configuration file 'nodes/" + n.name + "/qemu-server/" + vmid
                    + ".conf' does not exist");
        }
        return vm;
    }

    private static void checkLock(Vm vm) {
        if (vm.lock != null) {
            throw new PveError(500, "VM is locked (" + vm.lock + ")");
        }
    }

    // ------------------------------------------------------------------ tasks

    /**
     * Starts a task that ends once the configured duration has passed on the simulator's clock. {@code work} runs at
     * the end (under the simulator's lock) and returns null for OK or an error text; {@code failTask} forces a
     * failure instead.
     */
    private String startTask(String node, String type, String id, String user, List<String> storages,
                             java.util.function.Supplier<String> work, String failTask) {
        return startTask(node, type, id, user, storages, work, failTask, taskDuration);
    }

    /** As above, running for {@code duration} instead of the configured task duration. */
    private String startTask(String node, String type, String id, String user, List<String> storages,
                             java.util.function.Supplier<String> work, String failTask, Duration duration) {
        Instant now = clock.instant();
        String upid = String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pidCounter.incrementAndGet(),
                (int) (System.nanoTime() & 0x7fffffff), now.getEpochSecond(), type, id, user);
        Task t = new Task(upid, node, now.plus(taskVisibilityDelay), now.plus(duration), storages,
                failTask != null ? () -> failTask : work);
        t.log.add("starting task " + type + " " + id);
        tasks.put(upid, t);
        for (String s : storages) {
            String key = node + "/" + s;
            int running = runningStorageTasks.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            maxStorageTasks.merge(key, running, Math::max);
        }
        return upid;
    }

    /** Ends every running task whose time is up, in the order they end. Called under the simulator's lock. */
    private void settle() {
        Instant now = clock.instant();
        List<Task> due = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.running && !t.endsAt.isAfter(now)) {
                due.add(t);
            }
        }
        due.sort(java.util.Comparator.comparing(t -> t.endsAt));
        for (Task t : due) {
            String err;
            try {
                err = t.work.get();
            } catch (PveError e) {
                err = e.getMessage();
            }
            for (String s : t.storages) {
                runningStorageTasks.get(t.node + "/" + s).decrementAndGet();
            }
            if (err == null) {
                t.log.add("TASK OK");
                t.exitStatus = "OK";
            } else {
                t.log.add(err);
                t.log.add("TASK ERROR: " + err);
                t.exitStatus = err;
            }
            t.running = false;
        }
    }

    private Answer taskStatus(String upid) {
        Task t = tasks.get(upid);
        if (t == null || clock.instant().isBefore(t.visibleAt)) {
            throw new PveError(400, "unable to open file '/var/log/pve/tasks/active' - no such task '" + upid + "'");
        }
        ObjectNode d = JSON.createObjectNode();
        String[] f = upid.split(":");
        d.put("upid", upid).put("node", f[1]).put("pid", Integer.parseInt(f[2], 16))
                .put("pstart", Long.parseLong(f[3], 16)).put("starttime", Long.parseLong(f[4], 16))
                .put("type", f[5]).put("id", f[6]).put("user", f[7])
                .put("status", t.running ? "running" : "stopped");
        if (!t.running) {
            d.put("exitstatus", t.exitStatus);
        }
        return ok(d);
    }

    private Answer taskLog(Map<String, String> p) {
        Task t = tasks.get(p.get("upid"));
        if (t == null || clock.instant().isBefore(t.visibleAt)) {
            throw new PveError(400, "no such task");
        }
        int start = Integer.parseInt(p.getOrDefault("start", "0"));
        int limit = Integer.parseInt(p.getOrDefault("limit", "50"));
        ArrayNode arr = JSON.createArrayNode();
        for (int i = start; i < t.log.size() && i < start + limit; i++) {
            arr.addObject().put("n", i + 1).put("t", t.log.get(i));
        }
        Answer a = ok(arr);
        a.body().put("total", t.log.size());
        return a;
    }

    // ------------------------------------------------------------------ nodes, storage, cluster

    private Answer listNodes(SimNode listener) {
        ArrayNode arr = JSON.createArrayNode();
        for (SimNode n : nodes.values()) {
            if (clusterName == null && n != listener) {
                continue; // stand-alone nodes know only themselves
            }
            arr.addObject().put("node", n.name).put("status", n.running() ? "online" : "offline")
                    .put("maxcpu", n.cpus).put("maxmem", n.memoryTotal);
        }
        return ok(arr);
    }

    /** PVE's answer: the cluster entry (cluster members only), then one entry per node, local = the listener. */
    private Answer clusterStatus(SimNode listener) {
        ArrayNode arr = JSON.createArrayNode();
        if (clusterName != null) {
            arr.addObject().put("type", "cluster").put("id", "cluster").put("name", clusterName)
                    .put("nodes", nodes.size()).put("quorate", 1).put("version", 3);
        }
        int id = 1;
        for (SimNode n : nodes.values()) {
            if (clusterName == null && n != listener) {
                continue; // a stand-alone node knows only itself
            }
            arr.addObject().put("type", "node").put("id", "node/" + n.name).put("name", n.name)
                    .put("nodeid", clusterName == null ? 0 : id++).put("ip", "127.0.0.1")
                    .put("local", n == listener ? 1 : 0).put("online", n.running() ? 1 : 0).put("level", "");
        }
        return ok(arr);
    }

    private long memoryUsed(SimNode n) {
        long used = 2 * GIB;
        for (Vm vm : vms.values()) {
            if (vm.node.equals(n.name) && "running".equals(vm.status)) {
                used += Long.parseLong(vm.config.getOrDefault("memory", "512")) << 20;
            }
        }
        return used;
    }

    private Answer nodeStatus(SimNode n) {
        ObjectNode d = JSON.createObjectNode();
        d.put("cpu", 0.05 + 0.01 * vms.size()).put("uptime", 86400).put("pveversion", "pve-manager/9.1.1/abc")
                .put("kversion", "Linux 6.14.8-2-pve #1 SMP").put("wait", 0.001).put("idle", 0);
        d.putArray("loadavg").add("0.15").add("0.10").add("0.05");
        d.putObject("cpuinfo").put("cpus", n.cpus).put("model", "Simulated CPU").put("sockets", 1)
                .put("cores", n.cpus).put("mhz", "2499.998").put("hvm", "1").put("user_hz", 100)
                .put("flags", "fpu vme de pse tsc msr pae vmx");
        d.putObject("ksm").put("shared", 0);
        d.putObject("swap").put("total", 8 * GIB).put("used", 0).put("free", 8 * GIB);
        d.putObject("memory").put("total", n.memoryTotal).put("used", memoryUsed(n))
                .put("free", n.memoryTotal - memoryUsed(n));
        d.putObject("rootfs").put("total", 100 * GIB).put("used", 10 * GIB).put("avail", 90 * GIB);
        return ok(d);
    }

    private Answer network(SimNode n) {
        ArrayNode arr = JSON.createArrayNode();
        arr.addObject().put("iface", "eno1").put("type", "eth").put("active", 1).put("autostart", 1);
        arr.addObject().put("iface", "vmbr0").put("type", "bridge").put("active", 1).put("autostart", 1)
                .put("cidr", "192.0.2.10/24").put("address", "192.0.2.10").put("netmask", "24")
                .put("gateway", "192.0.2.1").put("bridge_ports", "eno1").put("bridge_vlan_aware", 1);
        return ok(arr);
    }

    private Answer storageList(SimNode n, Map<String, String> p) {
        ArrayNode arr = JSON.createArrayNode();
        String content = p.get("content");
        for (SimNode.Storage s : n.storages.values()) {
            if (content != null && !s.content.containsAll(List.of(content.split("[,; ]")))) {
                continue;
            }
            arr.addObject().put("storage", s.name).put("type", s.type).put("content", String.join(",", s.content))
                    .put("active", 1).put("enabled", 1).put("shared", s.shared ? 1 : 0).put("total", s.total)
                    .put("used", s.used).put("avail", s.avail());
        }
        return ok(arr);
    }

    // ---- multi-IP snippets: GET /storage, the cluster's storage config with each directory storage's path
    private Answer storageConfigs() {
        ArrayNode arr = JSON.createArrayNode();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SimNode n : nodes.values()) {
            for (SimNode.Storage s : n.storages.values()) {
                if (!seen.add(s.name)) {
                    continue;
                }
                ObjectNode o = arr.addObject().put("storage", s.name).put("type", s.type)
                        .put("content", String.join(",", s.content)).put("digest", "0".repeat(40));
                s.path().ifPresent(path -> o.put("path", path));
            }
        }
        return ok(arr);
    }

    private SimNode.Storage storage(SimNode n, String name) {
        SimNode.Storage s = n.storages.get(name);
        if (s == null) {
            throw new PveError(500, "storage '" + name + "' does not exist");
        }
        return s;
    }

    private Answer storageContent(SimNode n, Map<String, String> p) {
        SimNode.Storage s = storage(n, p.get("storage"));
        ArrayNode arr = JSON.createArrayNode();
        for (SimNode.Volume v : s.volumes.values()) {
            if (p.containsKey("content") && !p.get("content").equals(v.content())) {
                continue;
            }
            if (p.containsKey("vmid") && !String.valueOf(v.vmid()).equals(p.get("vmid"))) {
                continue;
            }
            ObjectNode o = arr.addObject().put("volid", v.volid()).put("content", v.content())
                    .put("format", v.format()).put("size", v.size()).put("ctime", v.ctime());
            if (v.vmid() != null) {
                o.put("vmid", v.vmid());
            }
        }
        return ok(arr);
    }

    private Answer downloadUrl(SimNode n, Map<String, String> p, Principal who, String failTask) {
        SimNode.Storage s = storage(n, p.get("storage"));
        String content = p.get("content");
        if (!s.content.contains(content)) {
            throw new PveError(500, "storage '" + s.name + "' does not support content-type '" + content + "'");
        }
        String dir = "iso".equals(content) ? "iso" : "import".equals(content) ? "import" : "vztmpl";
        String volid = s.name + ":" + dir + "/" + p.get("filename");
        String upid = startTask(n.name, "download", s.name, who.user(), List.of(s.name), () -> {
            long size = 512L << 20;
            if (s.avail() < size) {
                return "not enough space on storage '" + s.name + "'";
            }
            s.volumes.put(volid, new SimNode.Volume(volid, content, "iso".equals(content) ? "iso" : "qcow2", size,
                    null, clock.millis() / 1000));
            s.used += size;
            return null;
        }, failTask);
        return ok(JSON.getNodeFactory().textNode(upid));
    }

    private Answer nextId(Map<String, String> p) {
        if (p.containsKey("vmid")) {
            int v = Integer.parseInt(p.get("vmid"));
            if (vms.containsKey(v)) {
                ObjectNode err = error("Parameter verification failed.");
                err.putObject("errors").put("vmid", "VM " + v + " already exists");
                throw new PveErrorWithBody(err);
            }
            return ok(JSON.getNodeFactory().textNode(Integer.toString(v)));
        }
        int id = 100;
        while (vms.containsKey(id)) {
            id++;
        }
        return ok(JSON.getNodeFactory().textNode(Integer.toString(id)));
    }

    /** A 400 with a full body (errors) thrown from a handler. */
    private static final class PveErrorWithBody extends PveError {
        final ObjectNode body;

        PveErrorWithBody(ObjectNode body) {
            super(400, body.path("message").asText());
            this.body = body;
        }
    }

    private Answer clusterResources(String type) {
        ArrayNode arr = JSON.createArrayNode();
        if (type == null || "node".equals(type)) {
            for (SimNode n : nodes.values()) {
                arr.addObject().put("id", "node/" + n.name).put("type", "node").put("node", n.name)
                        .put("status", n.running() ? "online" : "offline").put("maxcpu", n.cpus)
                        .put("maxmem", n.memoryTotal).put("mem", memoryUsed(n)).put("cpu", 0.05);
            }
        }
        if (type == null || "vm".equals(type)) {
            for (Vm vm : vms.values()) {
                arr.addObject().put("id", "qemu/" + vm.vmid).put("type", "qemu").put("node", vm.node)
                        .put("vmid", vm.vmid).put("name", vm.config.getOrDefault("name", "VM" + vm.vmid))
                        .put("status", vm.status).put("template", isTemplate(vm) ? 1 : 0)
                        .put("maxmem", Long.parseLong(vm.config.getOrDefault("memory", "512")) << 20)
                        .put("maxcpu", Integer.parseInt(vm.config.getOrDefault("cores", "1")));
            }
        }
        if (type == null || "storage".equals(type)) {
            for (SimNode n : nodes.values()) {
                for (SimNode.Storage s : n.storages.values()) {
                    arr.addObject().put("id", "storage/" + n.name + "/" + s.name).put("type", "storage")
                            .put("node", n.name).put("storage", s.name).put("status", "available")
                            .put("disk", s.used).put("maxdisk", s.total);
                }
            }
        }
        return ok(arr);
    }

    // ------------------------------------------------------------------ VMs

    private Answer listVms(SimNode n) {
        ArrayNode arr = JSON.createArrayNode();
        for (Vm vm : vms.values()) {
            if (vm.node.equals(n.name)) {
                arr.addObject().put("vmid", vm.vmid).put("name", vm.config.getOrDefault("name", "VM" + vm.vmid))
                        .put("status", vm.status);
            }
        }
        return ok(arr);
    }

    private static void checkRootOnly(Principal who, Map<String, String> p) {
        if (!who.root() && p.containsKey("args")) {
            throw new PveError(403, "only root can set 'args' config");
        }
    }

    private Answer createVm(SimNode n, Map<String, String> p, Principal who, String failTask) {
        int vmid = Integer.parseInt(p.get("vmid"));
        checkRootOnly(who, p);
        checkImportSources(who, p);
        Vm existing = vms.get(vmid);
        if (existing != null) {
            throw new PveError(500, "unable to create VM " + vmid + " - VM " + vmid + " already exists on node '"
                    + existing.node + "'");
        }
        Vm vm = new Vm(vmid, n.name);
        vm.lock = "create";
        List<String> storages = new ArrayList<>();
        Map<String, long[]> allocations = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey();
            if (k.equals("vmid") || k.equals("node") || k.equals("start")) {
                continue;
            }
            String v = e.getValue();
            if (DISK_KEY.matcher(k).matches()) {
                v = allocateDisk(n, vm, k, v, storages, allocations);
            } else if (k.startsWith("net") && !v.matches("^[a-z0-9\\-]+=([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}.*")) {
                v = v.replaceFirst("^(model=)?([a-z0-9\\-]+)", "$2=" + mac(vmid, k));
            }
            vm.config.put(k, v);
        }
        vm.config.putIfAbsent("memory", "512");
        vm.config.putIfAbsent("cores", "1");
        vm.config.putIfAbsent("sockets", "1");
        vms.put(vmid, vm);
        boolean start = "1".equals(p.get("start"));
        java.util.function.Supplier<String> creation = () -> {
            for (Map.Entry<String, long[]> a : allocations.entrySet()) {
                SimNode.Storage s = n.storages.get(a.getKey());
                if (s.avail() < a.getValue()[0]) {
                    vms.remove(vmid);
                    return "unable to create VM " + vmid + " - not enough space on storage '" + s.name + "' ("
                            + a.getValue()[0] + " bytes needed, " + s.avail() + " available)";
                }
            }
            allocations.forEach((st, size) -> n.storages.get(st).used += size[0]);
            vm.config.forEach((k, v) -> registerVolume(n, vm, k, v));
            vm.lock = null;
            if (start) {
                boot(vm);
            }
            return null;
        };
        // a failing create: PVE removes the half-created VM when the task ends
        String upid = startTask(n.name, "qmcreate", Integer.toString(vmid), who.user(), storages,
                failTask == null ? creation : () -> {
                    vms.remove(vmid);
                    return failTask;
                }, null, taskDuration.plus(importTime(n, p)));
        return ok(JSON.getNodeFactory().textNode(upid));
    }

    /** PVE fills in an existing volume's {@code size} when a disk option is set without it (qemu-server reads it). */
    private static String withKnownSize(Vm vm, String volid, String value) {
        if (value.contains("size=")) {
            return value;
        }
        for (String current : vm.config.values()) {
            Matcher size = Pattern.compile("(?:^|,)size=([^,]+)").matcher(current);
            if (current.split(",", 2)[0].equals(volid) && size.find()) {
                return value + ",size=" + size.group(1);
            }
        }
        return value;
    }

    private String allocateDisk(SimNode n, Vm vm, String key, String value, List<String> storages,
                                Map<String, long[]> allocations) {
        String[] parts = value.split(",", 2);
        String rest = parts.length > 1 ? "," + parts[1] : "";
        if (parts[0].endsWith(":cloudinit")) {
            String st = parts[0].substring(0, parts[0].indexOf(':'));
            storage(n, st);
            return st + ":vm-" + vm.vmid + "-cloudinit,media=cdrom";
        }
        Matcher m = NEW_DISK.matcher(parts[0]);
        if (!m.matches()) {
            return withKnownSize(vm, parts[0], value);
        }
        String st = m.group(1);
        SimNode.Storage s = storage(n, st);
        if (!s.content.contains("images")) {
            throw new PveError(500, "storage '" + st + "' does not support vm images");
        }
        double gib = Double.parseDouble(m.group(2));
        String importFrom = null;
        StringBuilder opts = new StringBuilder();
        for (String opt : rest.isEmpty() ? new String[0] : rest.substring(1).split(",")) {
            if (opt.startsWith("import-from=")) {
                importFrom = opt.substring("import-from=".length());
            } else {
                opts.append(',').append(opt);
            }
        }
        if (importFrom != null) {
            String src = importFrom;
            boolean found = n.storages.values().stream().anyMatch(x -> x.volumes.containsKey(src));
            if (!found && !src.startsWith("/")) {
                throw new PveError(500, "unable to parse volume ID '" + src + "' - volume does not exist");
            }
            gib = importedGiB(n, src);
        }
        long size = (long) (gib * GIB);
        if (!storages.contains(st)) {
            storages.add(st);
        }
        allocations.computeIfAbsent(st, k -> new long[1])[0] += size;
        String volid = freeVolumeName(n, vm, st);
        if (importFrom != null) {
            vm.importedFrom.put(volid, importFrom);
        }
        return volid + opts + ",size=" + (long) gib + "G";
    }

    private void registerVolume(SimNode n, Vm vm, String key, String value) {
        if (!DISK_KEY.matcher(key).matches() || value.contains("media=cdrom")) {
            return;
        }
        String volid = value.split(",")[0];
        int colon = volid.indexOf(':');
        if (colon < 0) {
            return;
        }
        SimNode.Storage s = n.storages.get(volid.substring(0, colon));
        if (s != null) {
            Matcher m = Pattern.compile("size=(\\d+)G").matcher(value);
            long size = m.find() ? Long.parseLong(m.group(1)) * GIB : 0;
            s.volumes.put(volid, new SimNode.Volume(volid, "images", "raw", size, vm.vmid,
                    clock.millis() / 1000));
        }
    }

    private static String mac(int vmid, String key) {
        return String.format("BC:24:11:%02X:%02X:%02X", (vmid >> 8) & 0xff, vmid & 0xff,
                Integer.parseInt(key.substring(3)) & 0xff);
    }

    private static String digest(Map<String, String> config) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(new TreeMap<>(config).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer getConfig(Vm vm) {
        ObjectNode d = JSON.createObjectNode();
        vm.config.forEach((k, v) -> {
            if (v.matches("^-?\\d+$") && !k.equals("name") && !k.equals("description")) {
                d.put(k, Long.parseLong(v));
            } else {
                d.put(k, v);
            }
        });
        if (vm.lock != null) {
            d.put("lock", vm.lock);
        }
        d.put("digest", digest(vm.config));
        return ok(d);
    }

    private Answer setConfig(Vm vm, Map<String, String> p, Principal who, boolean async, String failTask) {
        checkRootOnly(who, p);
        checkLock(vm);
        if (p.containsKey("digest") && !p.get("digest").equals(digest(vm.config))) {
            throw new PveError(500, "detected modified configuration - file changed by other user? Try again.");
        }
        SimNode n = nodes.get(vm.node);
        List<String> storages = new ArrayList<>();
        Map<String, long[]> allocations = new LinkedHashMap<>();
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey();
            if (List.of("node", "vmid", "digest", "delete").contains(k)) {
                continue;
            }
            String v = e.getValue();
            if (DISK_KEY.matcher(k).matches()) {
                v = allocateDisk(n, vm, k, v, storages, allocations);
            } else if (k.matches("^net\\d+$") && !v.matches("^[a-z0-9\\-]+=([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}.*")) {
                // a NIC set without a MAC gets one, as on create
                v = v.replaceFirst("^(model=)?([a-z0-9\\-]+)", "$2=" + mac(vm.vmid, k));
            }
            changes.put(k, v);
        }
        List<String> deletes = p.containsKey("delete") ? List.of(p.get("delete").split("[,; ]+")) : List.of();
        java.util.function.Supplier<String> apply = () -> {
            allocations.forEach((st, size) -> n.storages.get(st).used += size[0]);
            vm.config.putAll(changes);
            changes.forEach((k, v) -> registerVolume(n, vm, k, v));
            deletes.forEach(k -> deleteConfigKey(n, vm, k));
            return null;
        };
        if (!async) {
            apply.get();
            return ok(null);
        }
        return ok(JSON.getNodeFactory().textNode(startTask(vm.node, "qmconfig", Integer.toString(vm.vmid),
                who.user(), storages, apply, failTask, taskDuration.plus(importTime(n, p)))));
    }

    private Answer deleteVm(Vm vm, Principal who, String failTask) {
        checkLock(vm);
        checkNoLinkedClones(vm);
        if ("running".equals(vm.status)) {
            throw new PveError(500, "VM " + vm.vmid + " is running - destroy failed");
        }
        SimNode n = nodes.get(vm.node);
        List<String> storages = new ArrayList<>();
        for (Map.Entry<String, String> e : vm.config.entrySet()) {
            if (DISK_KEY.matcher(e.getKey()).matches() && !e.getValue().contains("media=cdrom")) {
                String st = e.getValue().split("[:,]")[0];
                if (!storages.contains(st)) {
                    storages.add(st);
                }
            }
        }
        vm.lock = "destroyed";
        return ok(JSON.getNodeFactory().textNode(startTask(vm.node, "qmdestroy", Integer.toString(vm.vmid),
                who.user(), storages, () -> {
                    for (SimNode.Storage s : n.storages.values()) {
                        s.volumes.values().removeIf(v -> {
                            if (Integer.valueOf(vm.vmid).equals(v.vmid())) {
                                s.used -= v.size();
                                return true;
                            }
                            return false;
                        });
                    }
                    vms.remove(vm.vmid);
                    return null;
                }, failTask)));
    }

    // ------------------------------------------------------------------ templates, clones, import durations

    /** Storage types on which PVE makes linked clones (file storages through qcow2, their default format). */
    private static final List<String> LINKED_CLONE_TYPES = List.of("lvmthin", "zfspool", "zfs", "rbd", "btrfs", "dir",
            "nfs", "cifs", "glusterfs");
    private static final Pattern IMPORT_FROM = Pattern.compile("(?:^|,)import-from=([^,]+)");

    private static boolean isTemplate(Vm vm) {
        return "1".equals(vm.config.get("template"));
    }

    /** The extra time the disk imports of a create or config change take: source size at the import rate. */
    private Duration importTime(SimNode n, Map<String, String> p) {
        long rate = importBytesPerSecond;
        if (rate <= 0) {
            return Duration.ZERO;
        }
        long bytes = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (!DISK_KEY.matcher(e.getKey()).matches()) {
                continue;
            }
            Matcher m = IMPORT_FROM.matcher(e.getValue());
            if (m.find()) {
                String src = m.group(1);
                for (SimNode.Storage s : n.storages.values()) {
                    SimNode.Volume v = s.volumes.get(src);
                    if (v != null) {
                        bytes += v.size();
                    }
                }
            }
        }
        return Duration.ofMillis(bytes * 1000 / rate);
    }

    private Answer storageStatus(SimNode n, Map<String, String> p) {
        SimNode.Storage s = storage(n, p.get("storage"));
        return ok(JSON.createObjectNode().put("type", s.type).put("content", String.join(",", s.content))
                .put("active", 1).put("enabled", 1).put("shared", s.shared ? 1 : 0).put("total", s.total)
                .put("used", s.used).put("avail", s.avail()));
    }

    /** The data disks of a VM (no CD-ROMs, no cloud-init drives): key → value. */
    private static Map<String, String> dataDisks(Vm vm) {
        Map<String, String> out = new LinkedHashMap<>();
        vm.config.forEach((k, v) -> {
            if (DISK_KEY.matcher(k).matches() && !v.contains("media=cdrom")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Answer cloneVm(Vm src, Map<String, String> p, Principal who, String failTask) {
        checkLock(src);
        int newid = Integer.parseInt(p.get("newid"));
        if (vms.containsKey(newid)) {
            throw new PveError(500, "unable to create VM " + newid + ": config file already exists");
        }
        boolean template = isTemplate(src);
        boolean full = p.containsKey("full") ? "1".equals(p.get("full")) : !template;
        if (!full && !template) {
            throw new PveError(500, "linked clone feature is only available for templates");
        }
        if (!full && (p.containsKey("storage") || p.containsKey("format"))) {
            throw new PveError(400, "parameter 'storage'/'format' is only allowed for full clones");
        }
        SimNode n = nodes.get(src.node);
        String targetNode = p.getOrDefault("target", src.node);
        if (!nodes.containsKey(targetNode)) {
            throw new PveError(500, "no such cluster node '" + targetNode + "'");
        }
        Map<String, String> disks = dataDisks(src);
        List<String> storages = new ArrayList<>();
        long fullBytes = 0;
        for (Map.Entry<String, String> d : disks.entrySet()) {
            String st = d.getValue().substring(0, d.getValue().indexOf(':'));
            SimNode.Storage s = storage(n, st);
            if (!targetNode.equals(src.node) && !s.shared) {
                throw new PveError(500, "can't clone to node '" + targetNode + "' (VM uses local storage)");
            }
            if (!full && !LINKED_CLONE_TYPES.contains(s.type)) {
                throw new PveError(500, "Linked clone feature is not supported for drive '" + d.getKey() + "'");
            }
            String target = full && p.containsKey("storage") ? p.get("storage") : st;
            SimNode.Storage ts = storage(n, target);
            if (!ts.content.contains("images")) {
                throw new PveError(500, "storage '" + target + "' does not support vm images");
            }
            if (!storages.contains(target)) {
                storages.add(target);
            }
            Matcher m = Pattern.compile("size=(\\d+)G").matcher(d.getValue());
            fullBytes += full && m.find() ? Long.parseLong(m.group(1)) * GIB : 0;
        }
        // PVE writes the new config at once, locked until the copy is done
        Vm copy = new Vm(newid, targetNode);
        copy.lock = "clone";
        if (p.containsKey("description")) {
            // PVE writes the new config, description included, before it copies the disks
            copy.config.put("description", p.get("description"));
        }
        vms.put(newid, copy);
        long bytes = fullBytes;
        java.util.function.Supplier<String> work = () -> {
            String target = p.get("storage");
            if (full) {
                SimNode.Storage ts = target == null ? null : n.storages.get(target);
                if (ts != null && ts.avail() < bytes) {
                    vms.remove(newid);
                    return "clone failed: not enough space on storage '" + target + "'";
                }
            }
            src.config.forEach((k, v) -> {
                if (k.equals("template") || k.equals("name")) {
                    return;
                }
                if (DISK_KEY.matcher(k).matches()) {
                    v = cloneDisk(n, src, copy, k, v, full, target);
                } else if (k.matches("^net\\d+$")) {
                    v = v.replaceFirst("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}", mac(newid, k));
                }
                copy.config.put(k, v);
            });
            copy.config.put("name", p.getOrDefault("name", "Copy-of-VM-" + src.config.getOrDefault("name",
                    "VM" + src.vmid)));
            if (p.containsKey("description")) {
                copy.config.put("description", p.get("description"));
            }
            copy.lock = null;
            return null;
        };
        String upid = startTask(src.node, "qmclone", Integer.toString(src.vmid), who.user(), storages,
                failTask == null ? work : () -> {
                    vms.remove(newid);
                    return failTask;
                }, null, cloneDuration == null ? taskDuration : cloneDuration);
        return ok(JSON.getNodeFactory().textNode(upid));
    }

    /** One disk of a clone: a linked volume on the base, or a copy; CD-ROMs stay, cloud-init drives are new. */
    private String cloneDisk(SimNode n, Vm src, Vm copy, String key, String value, boolean full, String target) {
        String[] parts = value.split(",", 2);
        String rest = parts.length > 1 ? "," + parts[1] : "";
        if (value.contains("media=cdrom")) {
            return value.contains("-cloudinit") ? parts[0].replace("vm-" + src.vmid + "-", "vm-" + copy.vmid + "-")
                    + rest : value;
        }
        String st = parts[0].substring(0, parts[0].indexOf(':'));
        String name = parts[0].substring(parts[0].indexOf(':') + 1);
        String diskName = "vm-" + copy.vmid + "-disk-" + copy.diskCounter++;
        String volid = full ? (target == null ? st : target) + ":" + diskName : st + ":" + name + "/" + diskName;
        String v = volid + rest;
        SimNode.Storage s = n.storages.get(volid.substring(0, volid.indexOf(':')));
        Matcher m = Pattern.compile("size=(\\d+)G").matcher(v);
        long size = m.find() ? Long.parseLong(m.group(1)) * GIB : 0;
        s.volumes.put(volid, new SimNode.Volume(volid, "images", "raw", size, copy.vmid, clock.millis() / 1000));
        if (full) {
            s.used += size;
        }
        return v;
    }

    private Answer convertToTemplate(Vm vm, Map<String, String> p, Principal who, String failTask) {
        checkLock(vm);
        if (isTemplate(vm)) {
            throw new PveError(500, "you can't convert a template to a template");
        }
        if ("running".equals(vm.status)) {
            throw new PveError(500, "you can't convert a running VM to a template");
        }
        SimNode n = nodes.get(vm.node);
        vm.lock = "template";
        java.util.function.Supplier<String> work = () -> {
            // the disks become read-only base volumes that linked clones share
            dataDisks(vm).forEach((k, v) -> {
                String volid = v.split(",")[0];
                String base = volid.replace(":vm-" + vm.vmid + "-disk-", ":base-" + vm.vmid + "-disk-");
                vm.config.put(k, base + v.substring(volid.length()));
                for (SimNode.Storage s : n.storages.values()) {
                    SimNode.Volume old = s.volumes.remove(volid);
                    if (old != null) {
                        s.volumes.put(base, new SimNode.Volume(base, old.content(), old.format(), old.size(),
                                old.vmid(), old.ctime()));
                    }
                }
            });
            vm.config.put("template", "1");
            vm.lock = null;
            return null;
        };
        // a failed conversion leaves the VM as it was
        String upid = startTask(vm.node, "qmtemplate", Integer.toString(vm.vmid), who.user(), List.of(),
                failTask == null ? work : () -> {
                    vm.lock = null;
                    return failTask;
                }, null);
        return ok(JSON.getNodeFactory().textNode(upid));
    }

    /** PVE refuses to destroy a template whose base volumes linked clones still use. */
    private void checkNoLinkedClones(Vm vm) {
        if (!isTemplate(vm)) {
            return;
        }
        for (Vm other : vms.values()) {
            for (String v : dataDisks(other).values()) {
                if (other.vmid != vm.vmid && v.contains(":base-" + vm.vmid + "-disk-")) {
                    throw new PveError(500, "base volume of VM " + vm.vmid + " is still in use by linked clone "
                            + other.vmid);
                }
            }
        }
    }

    /** Whether the VM is a template (its disks are base volumes, it cannot start). */
    public synchronized boolean isTemplate(int vmid) {
        settle();
        Vm vm = vms.get(vmid);
        return vm != null && isTemplate(vm);
    }

    /** Volume ids on a node's storage, in creation order. */
    public synchronized List<String> volumes(String node, String storage) {
        settle();
        return List.copyOf(node(node).storages.get(storage).volumes.keySet());
    }

    /** See {@link Builder#importRate}. */
    public void importRate(long bytesPerSecond) {
        importBytesPerSecond = bytesPerSecond;
    }

    /** See {@link Builder#cloneDuration}. */
    public void cloneDuration(Duration d) {
        cloneDuration = d;
    }

    private Answer vmStatusAnswer(Vm vm) {
        ObjectNode d = JSON.createObjectNode();
        long maxmem = Long.parseLong(vm.config.getOrDefault("memory", "512").replace("current=", "")) << 20;
        boolean running = "running".equals(vm.status);
        d.put("vmid", vm.vmid).put("name", vm.config.getOrDefault("name", "VM" + vm.vmid)).put("status", vm.status)
                .put("qmpstatus", vm.qmpStatus).put("cpus", Integer.parseInt(vm.config.getOrDefault("cores", "1")))
                .put("cpu", running ? 0.02 : 0).put("maxmem", maxmem).put("mem", running ? maxmem / 4 : 0)
                .put("maxdisk", bootDiskSize(vm)).put("netin", running ? 12345 : 0).put("netout", running ? 6789 : 0)
                .put("uptime", running ? (clock.millis() - vm.startedAt) / 1000 : 0)
                .put("agent", agentEnabled(vm) ? 1 : 0);
        d.putObject("ha").put("managed", 0);
        // the per-device counters PVE adds for a running VM (the legacy admin UI reads them)
        d.put("diskread", running ? 4096 : 0).put("diskwrite", running ? 2048 : 0);
        ObjectNode nics = d.putObject("nics");
        ObjectNode blockstat = d.putObject("blockstat");
        if (running) {
            nics.putObject("tap" + vm.vmid + "i0").put("netin", 12345).put("netout", 6789);
            blockstat.putObject("scsi0").put("rd_bytes", 4096).put("wr_bytes", 2048);
        }
        if (vm.lock != null) {
            d.put("lock", vm.lock);
        }
        return ok(d);
    }

    private static long bootDiskSize(Vm vm) {
        for (String k : List.of("scsi0", "virtio0", "sata0", "ide0")) {
            String v = vm.config.get(k);
            if (v != null) {
                Matcher m = Pattern.compile("size=(\\d+)G").matcher(v);
                if (m.find()) {
                    return Long.parseLong(m.group(1)) * GIB;
                }
            }
        }
        return 0;
    }

    private static boolean agentEnabled(Vm vm) {
        String a = vm.config.get("agent");
        return a != null && (a.startsWith("1") || a.contains("enabled=1"));
    }

    private void boot(Vm vm) {
        vm.status = "running";
        vm.qmpStatus = "running";
        vm.startedAt = clock.millis();
        vm.agentReadyAt = clock.instant().plus(agentStartDelay);
    }

    private void halt(Vm vm) {
        vm.status = "stopped";
        vm.qmpStatus = "stopped";
        vm.agentReadyAt = null;
    }

    private Answer power(Vm vm, String action, Map<String, String> p, Principal who, String failTask) {
        checkLock(vm);
        if ("start".equals(action) && isTemplate(vm)) {
            throw new PveError(500, "you can't start a vm if it's a template");
        }
        String type = switch (action) {
            case "start" -> "qmstart";
            case "stop" -> "qmstop";
            case "shutdown" -> "qmshutdown";
            case "reboot" -> "qmreboot";
            case "reset" -> "qmreset";
            case "suspend" -> "qmsuspend";
            default -> "qmresume";
        };
        String upid = startTask(vm.node, type, Integer.toString(vm.vmid), who.user(), List.of(), () -> {
            boolean running = "running".equals(vm.status);
            switch (action) {
                case "start" -> {
                    if (running) {
                        return "VM " + vm.vmid + " already running";
                    }
                    SimNode host = nodes.get(vm.node);
                    long need = Long.parseLong(vm.config.getOrDefault("memory", "512")) << 20;
                    if (memoryUsed(host) + need > host.memoryTotal) {
                        return "start failed: QEMU exited with code 1 (cannot allocate memory: " + need
                                + " bytes needed)";
                    }
                    boot(vm);
                }
                case "stop" -> halt(vm);
                case "shutdown" -> {
                    if (!running) {
                        return "VM " + vm.vmid + " not running";
                    }
                    halt(vm);
                }
                case "reboot", "reset" -> {
                    if (!running) {
                        return "VM " + vm.vmid + " not running";
                    }
                    boot(vm);
                }
                case "suspend" -> {
                    if (!running) {
                        return "VM " + vm.vmid + " not running";
                    }
                    if ("1".equals(p.get("todisk"))) {
                        halt(vm);
                        vm.config.put("vmstate", "local-lvm:vm-" + vm.vmid + "-state-suspend");
                    } else {
                        vm.qmpStatus = "paused";
                    }
                }
                default -> {
                    if (!running || !"paused".equals(vm.qmpStatus)) {
                        return "VM " + vm.vmid + " not paused";
                    }
                    vm.qmpStatus = "running";
                }
            }
            return null;
        }, failTask);
        return ok(JSON.getNodeFactory().textNode(upid));
    }

    private Answer resize(Vm vm, Map<String, String> p, Principal who, String failTask) {
        checkLock(vm);
        String disk = p.get("disk");
        String value = vm.config.get(disk);
        if (value == null) {
            throw new PveError(500, "disk '" + disk + "' does not exist");
        }
        Matcher cur = Pattern.compile("size=(\\d+)G").matcher(value);
        long current = cur.find() ? Long.parseLong(cur.group(1)) : 0;
        String size = p.get("size");
        Matcher m = Pattern.compile("^(\\+)?(\\d+)G$").matcher(size);
        if (!m.matches()) {
            throw new PveError(500, "the simulator only handles sizes in G, got '" + size + "'");
        }
        long target = m.group(1) != null ? current + Long.parseLong(m.group(2)) : Long.parseLong(m.group(2));
        if (target < current) {
            throw new PveError(500, "shrinking disks is not supported");
        }
        String storageName = value.split("[:,]")[0];
        SimNode n = nodes.get(vm.node);
        return ok(JSON.getNodeFactory().textNode(startTask(vm.node, "resize", Integer.toString(vm.vmid), who.user(),
                List.of(storageName), () -> {
                    SimNode.Storage s = n.storages.get(storageName);
                    long grow = (target - current) * GIB;
                    if (s != null && s.avail() < grow) {
                        return "not enough space on storage '" + storageName + "'";
                    }
                    if (s != null) {
                        s.used += grow;
                    }
                    vm.config.put(disk, value.replaceFirst("size=\\d+G", "size=" + target + "G"));
                    return null;
                }, failTask)));
    }

    private Answer vncProxy(Vm vm, Principal who) {
        if (!"running".equals(vm.status)) {
            throw new PveError(500, "VM " + vm.vmid + " not running");
        }
        int port = 5900 + (vncPortCounter++ % 100);
        String ticket = "PVEVNC:" + HexFormat.of().toHexDigits((int) (clock.millis() / 1000))
                + "::" + Base64.getEncoder().encodeToString(randomBytes(24));
        vncTickets.put(port + "|" + ticket, vm.vmid);
        ObjectNode d = JSON.createObjectNode();
        d.put("port", port).put("ticket", ticket).put("user", who.user()).put("cert", "-----BEGIN CERTIFICATE-----")
                .put("upid", startTask(vm.node, "vncproxy", Integer.toString(vm.vmid), who.user(), List.of(),
                        () -> null, null));
        return ok(d);
    }

    private Answer regenerateCloudInit(Vm vm) {
        checkLock(vm);
        boolean hasDrive = vm.config.values().stream().anyMatch(v -> v.contains("cloudinit"));
        if (!hasDrive) {
            throw new PveError(500, "no cloudinit drive found");
        }
        vm.cloudInitRegenerations++;
        return ok(null);
    }

    private Answer agent(Vm vm, Map<String, String> setPassword) {
        if (!agentEnabled(vm)) {
            throw new PveError(500, "No QEMU guest agent configured");
        }
        if (!"running".equals(vm.status) || vm.agentReadyAt == null || clock.instant().isBefore(vm.agentReadyAt)) {
            throw new PveError(500, "QEMU guest agent is not running");
        }
        if (setPassword != null) {
            vm.guestPasswords.put(setPassword.get("username"), setPassword.get("password"));
        }
        ObjectNode d = JSON.createObjectNode();
        d.putObject("result");
        return ok(d);
    }

    private Answer snapshots(Vm vm) {
        ArrayNode arr = JSON.createArrayNode();
        String parent = null;
        for (Map.Entry<String, Long> s : vm.snapshots.entrySet()) {
            ObjectNode o = arr.addObject().put("name", s.getKey()).put("snaptime", s.getValue())
                    .put("description", "").put("vmstate", 0);
            if (parent != null) {
                o.put("parent", parent);
            }
            parent = s.getKey();
        }
        ObjectNode cur = arr.addObject().put("name", "current").put("description", "You are here!")
                .put("running", "running".equals(vm.status) ? 1 : 0);
        if (parent != null) {
            cur.put("parent", parent);
        }
        return ok(arr);
    }

    private Answer deleteSnapshot(Vm vm, String name, Principal who, String failTask) {
        if (!vm.snapshots.containsKey(name)) {
            throw new PveError(500, "snapshot '" + name + "' does not exist");
        }
        return ok(JSON.getNodeFactory().textNode(startTask(vm.node, "qmdelsnapshot", Integer.toString(vm.vmid),
                who.user(), List.of(), () -> {
                    vm.snapshots.remove(name);
                    return null;
                }, failTask)));
    }

    private ArrayNode rrd(String timeframe, boolean vm) {
        int step = switch (timeframe) {
            case "hour" -> 60;
            case "day" -> 1800;
            case "week" -> 10800;
            case "month" -> 43200;
            default -> 604800;
        };
        long now = clock.millis() / 1000 / step * step;
        ArrayNode arr = JSON.createArrayNode();
        for (int i = 69; i >= 0; i--) {
            ObjectNode o = arr.addObject().put("time", now - (long) i * step).put("cpu", 0.01 + (i % 7) / 100.0);
            if (vm) {
                o.put("netin", 1000.0 + i).put("netout", 500.0 + i).put("maxmem", 2048.0 * 1024 * 1024)
                        .put("mem", 512.0 * 1024 * 1024).put("diskread", 10.0).put("diskwrite", 20.0);
            } else {
                o.put("loadavg", 0.2).put("memused", 4.0e9).put("memtotal", 64.0e9).put("netin", 3000.0)
                        .put("netout", 2000.0);
            }
        }
        return arr;
    }

    // ------------------------------------------------------------------ vnc websocket

    void handleWebSocket(SimNode listener, ServerWebSocket ws) {
        PveRequest pr = PveRequest.parse("GET", ws.uri(), null, null);
        PveSchemaValidator.Result vr = validator.validate(pr);
        if (vr.endpoint().isEmpty() || !vr.endpoint().get().template().endsWith("/vncwebsocket")) {
            ws.reject(404);
            return;
        }
        if (!vr.errors().isEmpty()) {
            violations.add("GET " + pr.path() + " " + vr.errors());
            ws.reject(400);
            return;
        }
        String ticketCookie = null;
        String cookie = ws.headers().get("Cookie");
        if (cookie != null && cookie.contains("PVEAuthCookie=")) {
            ticketCookie = PveRequest.percentDecode(cookie.substring(cookie.indexOf("PVEAuthCookie=") + 14)
                    .split(";")[0], false);
        }
        String auth = ws.headers().get("Authorization");
        synchronized (this) {
            boolean authed = (ticketCookie != null && validTicket(ticketCookie) != null)
                    || (auth != null && auth.startsWith("PVEAPIToken=")
                    && auth.substring(12, auth.lastIndexOf('=')).contains("!")
                    && auth.substring(auth.lastIndexOf('=') + 1)
                    .equals(tokens.get(auth.substring(12, auth.lastIndexOf('=')))));
            if (!authed) {
                ws.reject(401);
                return;
            }
            Integer vmid = vncTickets.remove(pr.params().get("port") + "|" + pr.params().get("vncticket"));
            if (vmid == null || !String.valueOf(vmid).equals(pr.segments().get(3))) {
                ws.reject(403);
                return;
            }
        }
        see(new Seen(listener.name, "GET", pr.path(), "ws", false, 101));
        vncServer(ws, pr.params().get("vncticket"));
    }

    // ------------------------------------------------------------------ vnc server (browser console, issue 9)

    private final List<String> vncClientGreetings = new CopyOnWriteArrayList<>();
    private final AtomicInteger vncAuthenticated = new AtomicInteger();
    private final AtomicInteger vncOpen = new AtomicInteger();
    private final List<String> vncCloseReasons = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A {@code vncwebsocket} upgrade that reached the request handler: Quarkus sets {@code vertx.disableWebsockets}
     * for the whole JVM, so in its tests the listener's WebSocket handler never runs. Same checks as
     * {@link #handleWebSocket}, answered as HTTP statuses before the upgrade. False when not such a request.
     */
    private boolean vncUpgrade(SimNode listener, HttpServerRequest req) {
        if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade")) || !req.path().endsWith("/vncwebsocket")) {
            return false;
        }
        PveRequest pr = PveRequest.parse("GET", req.uri(), null, null);
        PveSchemaValidator.Result vr = validator.validate(pr);
        int status = 0;
        if (vr.endpoint().isEmpty() || !vr.endpoint().get().template().endsWith("/vncwebsocket")) {
            status = 404;
        } else if (!vr.errors().isEmpty()) {
            violations.add("GET " + pr.path() + " " + vr.errors());
            status = 400;
        } else {
            String ticket = cookieTicket(req);
            String auth = req.getHeader("Authorization");
            synchronized (this) {
                boolean authed = (ticket != null && validTicket(ticket) != null)
                        || (auth != null && auth.startsWith("PVEAPIToken=")
                        && auth.substring(12, auth.lastIndexOf('=')).contains("!")
                        && auth.substring(auth.lastIndexOf('=') + 1)
                        .equals(tokens.get(auth.substring(12, auth.lastIndexOf('=')))));
                if (!authed) {
                    status = 401;
                } else {
                    Integer vmid = vncTickets.remove(pr.params().get("port") + "|" + pr.params().get("vncticket"));
                    if (vmid == null || !String.valueOf(vmid).equals(pr.segments().get(3))) {
                        status = 403;
                    }
                }
            }
        }
        if (status != 0) {
            req.response().setStatusCode(status).end();
            return true;
        }
        see(new Seen(listener.name, "GET", pr.path(), "ws", false, 101));
        String vncTicket = pr.params().get("vncticket");
        req.toWebSocket().onSuccess(ws -> vncServer(ws, vncTicket));
        return true;
    }

    /** The RFB versions clients sent back to a {@code vncwebsocket}, in order. */
    public List<String> vncClientGreetings() {
        return List.copyOf(vncClientGreetings);
    }

    /** How many VNC clients answered the ticket challenge correctly. */
    public int vncAuthenticated() {
        return vncAuthenticated.get();
    }

    /** How many {@code vncwebsocket} connections are open. */
    public int vncOpen() {
        return vncOpen.get();
    }

    /** Each closed {@code vncwebsocket}'s close status and reason as the client sent them, in order. */
    public List<String> vncCloseReasons() {
        return List.copyOf(vncCloseReasons);
    }

    /**
     * A minimal RFB 3.8 server as PVE's VNC is behind {@code vncwebsocket}: version, VNC authentication with the
     * ticket as password, ServerInit of a 640x480 screen; later client messages are read and ignored.
     */
    private void vncServer(ServerWebSocket ws, String ticket) {
        vncOpen.incrementAndGet();
        ws.closeHandler(v -> {
            vncCloseReasons.add(ws.closeStatusCode() + " " + ws.closeReason());
            vncOpen.decrementAndGet();
        });
        byte[] challenge = randomBytes(16);
        Buffer[] buf = {Buffer.buffer()};
        int[] state = {0};
        ws.handler(data -> {
            buf[0].appendBuffer(data);
            Buffer in = buf[0];
            boolean progressed = true;
            while (progressed) {
                progressed = false;
                if (state[0] == 0 && in.length() >= 12) {
                    vncClientGreetings.add(in.getString(0, 12, "US-ASCII"));
                    in = buf[0] = in.getBuffer(12, in.length());
                    ws.writeBinaryMessage(Buffer.buffer().appendByte((byte) 1).appendByte((byte) 2)
                            .appendBytes(challenge));
                    state[0] = 1;
                    progressed = true;
                } else if (state[0] == 1 && in.length() >= 1) {
                    in = buf[0] = in.getBuffer(1, in.length());
                    state[0] = 2;
                    progressed = true;
                } else if (state[0] == 2 && in.length() >= 16) {
                    boolean ok = java.util.Arrays.equals(in.getBytes(0, 16), vncResponse(challenge, ticket));
                    in = buf[0] = in.getBuffer(16, in.length());
                    if (!ok) {
                        String reason = "Authentication failed";
                        ws.writeBinaryMessage(Buffer.buffer().appendInt(1).appendInt(reason.length())
                                .appendString(reason));
                        ws.close();
                        return;
                    }
                    vncAuthenticated.incrementAndGet();
                    ws.writeBinaryMessage(Buffer.buffer().appendInt(0));
                    state[0] = 3;
                    progressed = true;
                } else if (state[0] == 3 && in.length() >= 1) {
                    in = buf[0] = in.getBuffer(1, in.length());
                    String name = "sim-vm";
                    ws.writeBinaryMessage(Buffer.buffer().appendShort((short) 640).appendShort((short) 480)
                            .appendByte((byte) 32).appendByte((byte) 24).appendByte((byte) 0).appendByte((byte) 1)
                            .appendShort((short) 255).appendShort((short) 255).appendShort((short) 255)
                            .appendByte((byte) 16).appendByte((byte) 8).appendByte((byte) 0)
                            .appendBytes(new byte[3]).appendInt(name.length()).appendString(name));
                    state[0] = 4;
                } else if (state[0] == 4) {
                    in = buf[0] = Buffer.buffer();
                }
            }
        });
        ws.writeBinaryMessage(Buffer.buffer("RFB 003.008\n"));
    }

    // ------------------------------------------------------------------ disk imports (VM build)

    /** How many create or config requests of a VM the simulator answered, for tests that a re-run adds nothing. */
    public int requestCount(String method, String pathRegex) {
        return (int) seen.stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)).count();
    }

    /** PVE imports from an absolute path only for root@pam; volume ids are checked by storage permissions. */
    private static void checkImportSources(Principal who, Map<String, String> p) {
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (DISK_KEY.matcher(e.getKey()).matches() && e.getValue().contains("import-from=/") && !who.root()) {
                throw new PveError(403, "Permission check failed (only root@pam may import from an absolute path)");
            }
        }
    }

    /** The imported disk is as large as its source volume (whole GiB, at least 1); unknown sources count 2 GiB. */
    private long importedGiB(SimNode n, String source) {
        long bytes = n.storages.values().stream().filter(x -> x.volumes.containsKey(source))
                .mapToLong(x -> x.volumes.get(source).size()).findFirst().orElse(2 * GIB);
        return Math.max(1, (bytes + GIB - 1) / GIB);
    }
    /** VNC authentication: DES of the challenge with the password's first 8 bytes, each bit-reversed. */
    private static byte[] vncResponse(byte[] challenge, String password) {
        byte[] key = new byte[8];
        byte[] pw = password.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 8 && i < pw.length; i++) {
            key[i] = (byte) (Integer.reverse(pw[i] & 0xff) >>> 24);
        }
        try {
            javax.crypto.Cipher des = javax.crypto.Cipher.getInstance("DES/ECB/NoPadding");
            des.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "DES"));
            return des.doFinal(challenge);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
