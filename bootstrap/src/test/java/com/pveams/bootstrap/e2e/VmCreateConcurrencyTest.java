package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.config.OperationEnginePolicy;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.operation.OperationEngine;
import com.pveams.application.operation.StepContext;
import com.pveams.application.operation.StepHandler;
import com.pveams.application.operation.StepHandlers;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.operation.OperationMetrics;
import com.pveams.application.port.out.operation.OperationSignals;
import com.pveams.application.port.out.operation.OperationStore;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.domain.operation.StepOutcome;
import com.pveams.domain.vm.build.ProvisioningPlan;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creates under load and across engines, against the PVE simulator with zero task delay: 50 parallel creates on one
 * node and one pool too small for all of them, a worker stopped in the middle of a create and its step finished by
 * another engine on the same database, and two engines sharing 30 creates. "Ran once" is read from the simulator's
 * request counts and from {@code operation_step.attempts}.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmCreateConcurrencyTest {
    private static final String QEMU = "/nodes/%s/qemu";
    private static final String START = "/nodes/%s/qemu/\\d+/status/start";

    /** One simulator per test: a simulated cluster shares one VMID namespace, the node rows here do not. */
    static final List<PveSimulator> SIMS = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<Long> NODES = new java.util.concurrent.CopyOnWriteArrayList<>();
    static InventoryRows cleanup;
    static String appId;
    static String appKey;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    OperationEngine engine;
    @Inject
    OperationStore store;
    @Inject
    OperationSignals signals;
    @Inject
    OperationMetrics metrics;
    @Inject
    OperationEnginePolicy policy;
    @Inject
    Clock clock;
    @Inject
    @Any
    Instance<StepHandler> handlers;

    String root;
    InventoryRows rows;

    @AfterAll
    static void stop() {
        if (cleanup != null) {
            NODES.forEach(n -> VmCreateFlowTest.FlowSupport.retire(cleanup, n));
        }
        List<String> violations = new ArrayList<>();
        for (PveSimulator sim : SIMS) {
            violations.addAll(sim.schemaViolations());
            sim.close();
        }
        assertEquals(List.of(), violations, "every request sent to PVE must be valid against its schema");
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        cleanup = rows;
        if (appId == null) {
            JsonPath key = Api.admin(root).body(Map.of("info", "vm-concurrency")).post("/admin/insertApiKey").then()
                    .body("code", equalTo(20000)).extract().jsonPath();
            appId = key.getString("data.appid");
            appKey = key.getString("data.appkey");
        }
    }

    /** A simulator and its node with its own pool of {@code addresses} and one downloaded image. */
    private record Site(PveSimulator sim, long node, String image) {
    }

    private Site site(String prefix, int addresses) {
        String pveNode = "pve1";
        PveSimulator sim = PveSimulator.builder().nodes(pveNode).taskDuration(Duration.ZERO).start();
        SIMS.add(sim);
        sim.node(pveNode).addStorage("local-lvm", "lvmthin", List.of("images", "rootdir"), 1L << 50);
        long node = rows.pveNode(null, sim.node(pveNode).port(), pveNode, cipher.encrypt(PveSimulator.ROOT_PASSWORD),
                sim.node(pveNode).fingerprint());
        NODES.add(node);
        VmCreateFlowTest.FlowSupport.pool(rows, node, prefix, addresses);
        String image = InventoryRows.unique("conc") + ".qcow2";
        sim.node(pveNode).addVolume("local", "local:import/" + image, "import", 1L << 30);
        long id = rows.count("INSERT INTO os_image (name, file_name, type, arch, os_type, size_bytes, url)"
                + " VALUES (?, ?, 'linux', 'x86_64', 'debian', ?, 'https://images.example.org/x.qcow2')"
                + " RETURNING id", image, image, 1L << 30);
        rows.execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location)"
                + " VALUES (?, ?, 2, 100, 'PVE', ?)", id, node, "local:import/" + image);
        return new Site(sim, node, image);
    }

    private Map<String, Object> body(Site site) {
        Map<String, Object> b = new HashMap<>();
        b.put("nodeid", site.node());
        b.put("os", site.image());
        b.put("systemDiskSize", 10);
        return b;
    }

    /**
     * A public create; the client waits longer than the service's create wait, so a slow machine gets the VM answered
     * creating (6) rather than a client timeout.
     */
    private JsonPath publicCreate(Map<String, Object> body) {
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 120_000)))
                .header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pve/cerateVM").then().statusCode(200).extract().jsonPath();
    }

    /** An accepted create: answered running, or creating when the wait ran out (the build goes on). */
    private static void accepted(JsonPath a) {
        assertEquals(20000, a.getInt("code"), a.prettify());
        int status = a.getInt("data.status");
        assertTrue(status == 0 || status == 6, "running or still creating: " + status);
    }

    private void allCreatesEnd(long node, int creates) {
        VmCreateFlowTest.FlowSupport.await(() -> rows.count("SELECT count(*) FROM operation WHERE node_id = ?"
                + " AND type = ? AND status IN ('SUCCEEDED', 'FAILED')", node, ProvisioningPlan.CREATE) == creates,
                "every create ends");
    }

    /** Sends {@code n} public creates at once; returns the answers. */
    private List<JsonPath> parallelCreates(int n, Map<String, Object> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return publicCreate(body);
                }));
            }
            go.countDown();
            List<JsonPath> out = new ArrayList<>();
            for (Future<JsonPath> f : answers) {
                out.add(f.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every step of the node's creates ran exactly once: no retry, no takeover, no undo. */
    private void everyStepRanOnce(long node, int creates) {
        assertEquals(creates, rows.count("SELECT count(*) FROM operation WHERE node_id = ? AND type = ?"
                + " AND status = 'SUCCEEDED'", node, ProvisioningPlan.CREATE));
        assertEquals(0, rows.count("SELECT count(*) FROM operation_step s JOIN operation o ON o.id = s.operation_id"
                + " WHERE o.node_id = ? AND o.type = ? AND (s.attempts <> 1 OR s.undo_attempts <> 0"
                + " OR s.status <> 'DONE')", node, ProvisioningPlan.CREATE), "a step ran twice or was undone");
    }

    @Test
    void fiftyParallelCreatesOnAPoolOfFortyGiveFortyRunningVmsAndTenClean1004s() throws Exception {
        Site n = site("10.92.1.", 40);
        long node = n.node();
        PveSimulator sim = n.sim();

        List<JsonPath> answers = parallelCreates(50, body(n));

        Set<Integer> vmids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        int refused = 0;
        for (JsonPath a : answers) {
            int code = a.getInt("code");
            if (code == 1004) {
                refused++;
                continue;
            }
            accepted(a);
            vmids.add(a.getInt("data.vmid"));
            addresses.add(a.getString("data.ipList[0]"));
        }
        allCreatesEnd(node, 40);
        for (int vmid : vmids) {
            assertEquals("running", sim.vmStatus(vmid));
        }
        assertEquals(10, refused);
        assertEquals(40, vmids.size(), "distinct VMIDs");
        assertEquals(40, addresses.size(), "distinct addresses");
        assertEquals(40, sim.requestCount("POST", "/nodes/pve1/qemu/\\d+/status/start"));
        everyStepRanOnce(node, 40);
        // the refused creates hold nothing: every held address and VMID belongs to a running VM
        assertEquals(40, rows.count("SELECT count(*) FROM vm WHERE node_id = ? AND status = 0", node));
        assertEquals(0, rows.count("SELECT count(*) FROM vm WHERE node_id = ? AND status <> 0", node));
        assertEquals(40, rows.count("SELECT count(*) FROM ip_address WHERE node_id = ? AND vm_id IS NOT NULL", node));
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation r WHERE r.node_id = ? AND r.vm_id IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM vm_template t WHERE t.reservation_id = r.id)"
                + " AND r.reserved_until < TIMESTAMPTZ '9000-01-01'", node), "a VMID held by a refused create");
    }

    /** Keeps the template fast path out of a test: a failed build is not tried again for ten minutes. */
    private void noTemplateBuild(Site site) {
        rows.execute("INSERT INTO vm_template (os_image_id, node_id, storage, state, reason) SELECT id, ?, 'local-lvm',"
                + " 'FAILED', 'kept out by the test' FROM os_image WHERE file_name = ?",
                site.node(), site.image());
    }

    private OperationEngine secondEngine(String owner, StepHandlers stepHandlers) {
        return new OperationEngine(store, stepHandlers, signals, metrics, clock, new ReplicaIdentity(owner),
                new OperationEnginePolicy(4, Duration.ofSeconds(3), Duration.ofSeconds(1), policy.steps()));
    }

    /**
     * The define step's handler on {@code node}: once it has started PVE's create (the disk import), its worker
     * "dies": it never answers, whatever interrupts it, until the test lets it go (then it throws, too late).
     */
    private StepHandler dyingAfterTheImportStarted(StepHandler define, long node, CountDownLatch started,
                                                   CountDownLatch release) {
        return new StepHandler() {
            @Override
            public String kind() {
                return define.kind();
            }

            @Override
            public StepOutcome execute(StepContext context) {
                StepOutcome o = define.execute(context);
                if (context.nodeId().orElse(0L) == node && o instanceof StepOutcome.WaitForTask) {
                    started.countDown();
                    while (true) {
                        try {
                            release.await();
                            break;
                        } catch (InterruptedException deadWorkersHearNothing) {
                            // keep "dead"
                        }
                    }
                    throw new IllegalStateException("a worker that died answers nothing");
                }
                return o;
            }

            @Override
            public StepOutcome compensate(StepContext context) {
                return define.compensate(context);
            }
        };
    }

    @Test
    void aWorkerStoppedRightAfterTheDiskImportStartedIsFinishedByAnotherEngine() throws Exception {
        Site n = site("10.92.2.", 5);
        long node = n.node();
        PveSimulator sim = n.sim();
        noTemplateBuild(n);
        CountDownLatch importStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<StepHandler> gated = handlers.stream().map(h -> h.kind().equals(ProvisioningPlan.DEFINE)
                ? dyingAfterTheImportStarted(h, node, importStarted, release) : h).toList();
        int creates = sim.requestCount("POST", QEMU.formatted("pve1"));

        // only the doomed engine runs while the create starts
        engine.stop(Duration.ZERO);
        OperationEngine doomed = secondEngine(InventoryRows.unique("doomed"), new StepHandlers(gated));
        long op;
        long vm;
        try {
            doomed.start();
            JsonPath a = Api.admin(root).contentType(ContentType.JSON).body(body(n)).post("/admin/createVm").then()
                    .statusCode(200).body("code", equalTo(20000)).extract().jsonPath();
            vm = a.getLong("data.hostid");
            op = a.getLong("data.operationId");
            assertTrue(importStarted.await(1, TimeUnit.MINUTES), "the import started");
            doomed.stop(Duration.ZERO);
            // its lease is not renewed any more; once it runs out any engine may take the step over
            long stepId = rows.count("SELECT id FROM operation_step WHERE operation_id = ? AND kind = ?", op,
                    ProvisioningPlan.DEFINE);
            VmCreateFlowTest.FlowSupport.await(() -> rows.count("SELECT count(*) FROM operation_step WHERE id = ?"
                    + " AND status = 'RUNNING' AND lease_until < now()", stepId) == 1, "the lease runs out");
        } finally {
            doomed.stop(Duration.ZERO);
            // a fresh engine on the same database: the application's own
            engine.start();
        }
        long finished = op;
        VmCreateFlowTest.FlowSupport.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation"
                + " WHERE id = ?", finished)), "the create is finished by the fresh engine");
        release.countDown();

        int vmid = (int) rows.count("SELECT vmid FROM vm WHERE id = ?", vm);
        assertEquals("running", sim.vmStatus(vmid));
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", vm));
        // every PVE step ran once: one create (import), one resize, one start
        assertEquals(creates + 1, sim.requestCount("POST", QEMU.formatted("pve1")), "the import was not repeated");
        assertEquals(1, sim.requestCount("PUT", "/nodes/pve1/qemu/" + vmid + "/resize"));
        assertEquals(1, sim.requestCount("POST", "/nodes/pve1/qemu/" + vmid + "/status/start"));
        // the define step was run by the dead worker and by the takeover, which found the guest and was done
        assertEquals(2, rows.count("SELECT attempts FROM operation_step WHERE operation_id = ? AND kind = ?", op,
                ProvisioningPlan.DEFINE));
        assertEquals("import", rows.text("SELECT output ->> 'path' FROM operation_step WHERE operation_id = ?"
                + " AND kind = ?", op, ProvisioningPlan.DEFINE));
        assertEquals(0, rows.count("SELECT count(*) FROM operation_step WHERE operation_id = ? AND kind <> ?"
                + " AND attempts <> 1", op, ProvisioningPlan.DEFINE), "the other steps ran once");
    }

    @Test
    void twoEnginesOnOneDatabaseShareThirtyCreatesAndRunNoStepTwice() throws Exception {
        Site n = site("10.92.3.", 30);
        long node = n.node();
        PveSimulator sim = n.sim();
        noTemplateBuild(n);
        AtomicInteger ranBySecond = new AtomicInteger();
        List<StepHandler> counted = handlers.stream().map(h -> (StepHandler) new StepHandler() {
            @Override
            public String kind() {
                return h.kind();
            }

            @Override
            public StepOutcome execute(StepContext context) {
                if (context.nodeId().orElse(0L) == node) {
                    ranBySecond.incrementAndGet();
                }
                return h.execute(context);
            }

            @Override
            public StepOutcome compensate(StepContext context) {
                return h.compensate(context);
            }
        }).toList();
        int creates = sim.requestCount("POST", QEMU.formatted("pve1"));
        OperationEngine second = secondEngine(InventoryRows.unique("second"), new StepHandlers(counted));
        second.start();
        List<JsonPath> answers;
        try {
            answers = parallelCreates(30, body(n));
            // the second engine stops only once every create ended, so no step of theirs is left to a takeover
            allCreatesEnd(node, 30);
        } finally {
            second.stop(Duration.ofSeconds(10));
        }

        Set<Integer> vmids = new HashSet<>();
        for (JsonPath a : answers) {
            accepted(a);
            vmids.add(a.getInt("data.vmid"));
        }
        assertEquals(30, vmids.size());
        everyStepRanOnce(node, 30);
        assertEquals(creates + 30, sim.requestCount("POST", QEMU.formatted("pve1")), "one create per VM");
        assertEquals(30, sim.requestCount("POST", START.formatted("pve1")), "one start per VM");
        assertTrue(ranBySecond.get() > 0, "the second engine took part");
    }
}
