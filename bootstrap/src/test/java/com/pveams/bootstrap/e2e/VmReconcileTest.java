package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.in.vm.ReconcileVmsUseCase;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.support.TestStepHandlers;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.bootstrap.wiring.VmReconcileWiring;
import com.pveams.domain.operation.NewOperation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconciliation job end to end: VM rows in the embedded database, their guests in the PVE simulator, changed
 * "by hand" on the simulator between runs; the job is run directly (it is switched off in tests).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmReconcileTest {
    private static final String NODE = "rec1";
    private static final String DEAD = "rec2";
    private static final AtomicInteger NEXT_VMID = new AtomicInteger(7100);
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes(NODE, DEAD).clusterName("reconcile"));
    static PveSimulator sim;
    static long nodeId;
    static long deadNodeId;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    ReconcileVmsUseCase reconcile;
    @Inject
    VmReconcileWiring job;
    @Inject
    StartOperation operations;

    String root;
    InventoryRows rows;

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        if (nodeId == 0) {
            nodeId = pve.node(NODE);
            deadNodeId = pve.node(DEAD);
        }
    }

    /** A VM row (1024 MiB, 1 socket × 2 cores, as InventoryRows writes it) and its matching guest unless {@code onPve} is null. */
    private Vm vm(long node, String pveNode, int status, Boolean onPve) {
        int vmid = NEXT_VMID.getAndIncrement();
        String host = InventoryRows.unique("rc");
        long id = rows.vm(node, vmid, host, cipher.encrypt("Gu3st-Pass"), "{}", status);
        if (onPve != null) {
            sim.addVm(pveNode, vmid, host, 1024, 2, onPve);
        }
        return new Vm(id, vmid, host);
    }

    record Vm(long id, int vmid, String hostname) {
    }

    private int status(Vm vm) {
        return (int) rows.count("SELECT status FROM vm WHERE id = ?", vm.id());
    }

    private String drift(Vm vm) {
        return rows.text("SELECT CAST(drift AS text) FROM vm WHERE id = ?", vm.id());
    }

    @Test
    void powerChangedByHandOnPveIsTakenIntoTheRow() {
        Vm stoppedByHand = vm(nodeId, NODE, 0, true);
        Vm startedByHand = vm(nodeId, NODE, 1, false);
        Vm expired = vm(nodeId, NODE, 5, true);
        sim.setVmRunningByHand(stoppedByHand.vmid(), false);
        sim.setVmRunningByHand(startedByHand.vmid(), true);
        long version = rows.count("SELECT version FROM vm WHERE id = ?", stoppedByHand.id());

        ReconcileVmsUseCase.Report report = reconcile.reconcileAll();

        assertEquals(1, status(stoppedByHand));
        assertEquals(0, status(startedByHand));
        assertEquals(version + 1, rows.count("SELECT version FROM vm WHERE id = ?", stoppedByHand.id()));
        assertEquals(5, status(expired), "an expired VM stays expired whatever PVE says");
        assertNull(drift(stoppedByHand));
        assertTrue(report.statusesCorrected() >= 2, String.valueOf(report));
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id IN (?, ?)", stoppedByHand.id(),
                startedByHand.id()), "the row is corrected, PVE is not driven");
    }

    @Test
    void aVmWithAnActiveOperationIsLeftAlone() {
        Vm busy = vm(nodeId, NODE, 7, false); // STARTING, and PVE says stopped
        Vm busyMissing = vm(nodeId, NODE, 0, null);
        CountDownLatch gate = new CountDownLatch(1);
        TestStepHandlers.GATES.put("reconcile-" + busy.id(), gate);
        TestStepHandlers.GATES.put("reconcile-" + busyMissing.id(), gate);
        operations.start(NewOperation.of("E2E_HELD", busy.id(), nodeId, Map.of("gate", "reconcile-" + busy.id()),
                "admin:admin", "E2E_HOLD"));
        operations.start(NewOperation.of("E2E_HELD", busyMissing.id(), nodeId,
                Map.of("gate", "reconcile-" + busyMissing.id()), "admin:admin", "E2E_HOLD"));
        try {
            reconcile.reconcileAll();
            assertEquals(7, status(busy));
            assertEquals(0, status(busyMissing));
            assertNull(drift(busyMissing), "no drift recorded while an operation works on the VM");
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aVmDeletedOnPveIsFlaggedMissingAndKept() {
        Vm gone = vm(nodeId, NODE, 0, true);
        sim.removeVmByHand(gone.vmid());

        reconcile.reconcileAll();

        JsonPath drift = new JsonPath(drift(gone));
        assertEquals(String.valueOf(gone.vmid()), drift.getString("missing.stored"));
        assertNull(drift.get("missing.pve"));
        assertEquals(1, rows.count("SELECT count(*) FROM vm WHERE id = ? AND delete_state = 0 AND status = 0"
                + " AND drift_detected_at IS NOT NULL", gone.id()), "kept, live, its stored status unchanged");
        Api.admin(root).get("/admin/getVmHostInfo?hostId=" + gone.id()).then().statusCode(200)
                .body("code", equalTo(20000))
                .body("data.drift.missing.stored", equalTo(String.valueOf(gone.vmid())))
                .body("data.vmhost.status", equalTo(0));
    }

    @Test
    void aChangedVmIsFlaggedAndClearedWhenRestored() {
        Vm changed = vm(nodeId, NODE, 0, true);
        sim.setVmConfig(changed.vmid(), "memory", "2048");
        sim.setVmConfig(changed.vmid(), "name", "renamed-by-hand");

        reconcile.reconcileAll();

        JsonPath drift = new JsonPath(drift(changed));
        assertEquals("1024", drift.getString("memory.stored"));
        assertEquals("2048", drift.getString("memory.pve"));
        assertEquals(changed.hostname(), drift.getString("name.stored"));
        assertEquals("renamed-by-hand", drift.getString("name.pve"));
        assertNull(drift.get("cores"));
        long detected = rows.count("SELECT floor(extract(epoch FROM drift_detected_at) * 1000)::bigint FROM vm WHERE id = ?",
                changed.id());
        // the admin list shows it next to the unchanged legacy fields; the public list does not
        JsonPath page = Api.admin(root).get("/admin/getVmByParam?param=vmid&value=" + changed.vmid()).then()
                .statusCode(200).body("code", equalTo(20000)).extract().jsonPath();
        assertEquals("2048", page.getString("data.records[0].drift.memory.pve"));
        assertEquals(detected, page.getLong("data.records[0].driftDetectedAt"));
        assertEquals(1024, page.getInt("data.records[0].vmhost.memory"));
        assertEquals(changed.hostname(), page.getString("data.records[0].vmhost.name"));

        // still different on the next run: first-seen time kept
        sim.setVmConfig(changed.vmid(), "name", changed.hostname());
        reconcile.reconcileAll();
        assertEquals(detected, rows.count(
                "SELECT floor(extract(epoch FROM drift_detected_at) * 1000)::bigint FROM vm WHERE id = ?", changed.id()));
        assertNull(new JsonPath(drift(changed)).get("name"));

        sim.setVmConfig(changed.vmid(), "memory", "1024");
        reconcile.reconcileAll();
        assertNull(drift(changed));
        assertEquals(0, rows.count("SELECT count(*) FROM vm WHERE id = ? AND drift_detected_at IS NOT NULL",
                changed.id()));
        Api.admin(root).get("/admin/getVmHostInfo?hostId=" + changed.id()).then().statusCode(200)
                .body("code", equalTo(20000)).body("data.drift", equalTo(null))
                .body("data", org.hamcrest.Matchers.hasKey("driftDetectedAt"));
        assertTrue(metrics().contains("ams_vm_drift{kind=\"memory\"}"), "drift gauge exported");
        assertTrue(metrics().contains("ams_reconcile_runs_total{outcome="), "runs counted");
    }

    @Test
    void aDeadNodeIsSkippedAndItsVmsKeepTheirStatus() {
        Vm onDead = vm(deadNodeId, DEAD, 0, true);
        Vm onLive = vm(nodeId, NODE, 0, true);
        sim.setVmRunningByHand(onLive.vmid(), false);
        sim.node(DEAD).stop();

        ReconcileVmsUseCase.Report report = reconcile.reconcileAll();

        assertTrue(report.skippedNodes() >= 1, String.valueOf(report));
        assertEquals(0, status(onDead));
        assertNull(drift(onDead), "no answer is not a missing VM");
        assertEquals(1, status(onLive), "the other nodes are still reconciled");
        assertTrue(metrics().contains("ams_reconcile_nodes_skipped_total"));
    }

    @Test
    void guestsUnknownToUsAreOnlyReported() {
        int stranger = NEXT_VMID.getAndIncrement();
        sim.addVm(NODE, stranger, "made-by-hand", 256, 1, true);
        ReconcileVmsUseCase.Report report = reconcile.reconcileAll();
        assertTrue(report.unknownGuests() >= 1, String.valueOf(report));
        assertEquals(0, rows.count("SELECT count(*) FROM vm WHERE vmid = ?", stranger), "nothing written for it");
        assertTrue(sim.vmExists(stranger), "nothing deleted");
    }

    @Test
    void theJobRunsOnOneReplicaPerPeriod() {
        rows.execute("DELETE FROM job_lease WHERE name = 'vm-reconcile'");
        Vm vm = vm(nodeId, NODE, 0, true);
        sim.setVmRunningByHand(vm.vmid(), false);
        assertTrue(job.runIfDue());
        assertEquals(1, status(vm));
        assertEquals(1, rows.count("SELECT count(*) FROM job_lease WHERE name = 'vm-reconcile'"));

        // the same period: nobody runs it again, so a later change waits for the next period
        sim.setVmRunningByHand(vm.vmid(), true);
        assertFalse(job.runIfDue());
        assertEquals(1, status(vm));

        // another replica holds the lease of the period
        rows.execute("UPDATE job_lease SET owner = 'other-replica', lease_until = now() + interval '5 minutes'"
                + " WHERE name = 'vm-reconcile'");
        assertFalse(job.runIfDue());
        assertEquals(1, status(vm));
    }

    @Test
    void deletedVmsAreListedByGetDeleteVmByPage() {
        Vm live = vm(nodeId, NODE, 0, null);
        // both rows below must share the last page: when the deleted rows of earlier test classes leave one place
        // on it, a filler takes that place (the count depends on which classes ran before)
        if (rows.count("SELECT count(*) FROM vm WHERE delete_state IN (1, 2)") % 10 == 9) {
            rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = ?", vm(nodeId, NODE, 1, null).id());
        }
        Vm deleted = vm(nodeId, NODE, 1, null);
        Vm binned = vm(nodeId, NODE, 1, null);
        rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = ?", deleted.id());
        rows.execute("UPDATE vm SET delete_state = 1, recycle_purge_at = now() + interval '3 days' WHERE id = ?",
                binned.id());
        long total = rows.count("SELECT count(*) FROM vm WHERE delete_state IN (1, 2)");
        long lastPage = (total + 9) / 10;

        JsonPath page = Api.admin(root).get("/admin/getDeleteVmByPage?page=" + lastPage + "&size=10").then()
                .statusCode(200).body("code", equalTo(20000)).extract().jsonPath();
        assertEquals(total, page.getLong("data.total"));
        assertEquals(lastPage, page.getLong("data.current"));
        assertEquals(10, page.getInt("data.size"));
        assertEquals(lastPage, page.getLong("data.pages"));
        List<Long> ids = page.getList("data.records.vmhost.id", Long.class);
        assertTrue(ids.contains(deleted.id()) && ids.contains(binned.id()), String.valueOf(ids));
        assertFalse(ids.contains(live.id()));
        Map<String, Object> record = page.getMap("data.records.find { it.vmhost.id == " + deleted.id() + " }");
        assertEquals(false, record.get("live"));
        assertEquals("VM_MISSING", record.get("liveProblem"));
        assertEquals(2, ((Map<?, ?>) record.get("vmhost")).get("deleteState"));

        // the live lists still leave them out, and bad paging is refused naming the field
        Api.admin(root).get("/admin/getDeleteVmByPage?page=x").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.not(equalTo(20000))).body("message", containsString("page"));
        given().get("/admin/getDeleteVmByPage").then().statusCode(200).body("code", org.hamcrest.Matchers.not(equalTo(20000)));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
