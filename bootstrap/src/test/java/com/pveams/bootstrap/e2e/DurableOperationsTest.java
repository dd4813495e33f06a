package com.pveams.bootstrap.e2e;

import com.pveams.application.operation.StartOperation;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.OperationEvents;
import com.pveams.bootstrap.support.TestStepHandlers;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The operation engine as the service runs it: operations started through {@link StartOperation} are run by the
 * engine with the registered (test-only) step handlers, recorded in the database, listed and shown by the admin
 * endpoints (additions: getOperationPage, getOperation/{id}) and counted in the metrics.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DurableOperationsTest {
    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;
    @Inject
    StartOperation operations;
    InventoryRows rows;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(dataSource);
    }

    private long vm() {
        long node = rows.node(null);
        return rows.vm(node, 100 + (int) (System.nanoTime() % 800_000));
    }

    private long nodeOf(long vm) {
        return rows.count("SELECT node_id FROM vm WHERE id = ?", vm);
    }

    private long start(String type, long vm, Map<String, Object> params, String... kinds) {
        return operations.start(NewOperation.of(type, vm, nodeOf(vm), params, "admin:admin", kinds));
    }

    private ValidatableResponse get(String path) {
        return Api.admin(root).get(path).then().statusCode(200);
    }

    @Test
    void anOperationRunsToTheEndAndIsListedAndShown() {
        long vm = vm();
        long id = start("E2E_OP", vm, Map.of("size", 20), "E2E_RECORD", "E2E_RECORD");
        OperationEvents.await(e -> e.equals("operation E2E_OP SUCCEEDED"));

        assertEquals("SUCCEEDED", rows.text("SELECT status FROM operation WHERE id = ?", id));
        assertEquals(2, rows.count("SELECT count(*) FROM operation_step WHERE operation_id = ? AND status = 'DONE'", id));

        get("/admin/getOperationPage?page=1&size=10&vmId=" + vm)
                .body("code", equalTo(20000))
                .body("data.total", equalTo(1))
                .body("data.size", equalTo(10))
                .body("data.current", equalTo(1))
                .body("data.pages", equalTo(1))
                .body("data.records[0].id", equalTo((int) id))
                .body("data.records[0].type", equalTo("E2E_OP"))
                .body("data.records[0].vmId", equalTo((int) vm))
                .body("data.records[0].nodeId", equalTo((int) nodeOf(vm)))
                .body("data.records[0].status", equalTo("SUCCEEDED"))
                .body("data.records[0].requestedBy", equalTo("admin:admin"))
                .body("data.records[0].stepCount", equalTo(2))
                .body("data.records[0].error", nullValue())
                .body("data.records[0].createTime", notNullValue())
                .body("data.records[0].finishTime", notNullValue())
                .body("data.records[0].durationMs", greaterThanOrEqualTo(0));

        get("/admin/getOperation/" + id)
                .body("code", equalTo(20000))
                .body("data.id", equalTo((int) id))
                .body("data.status", equalTo("SUCCEEDED"))
                .body("data.params.size", equalTo(20))
                .body("data.steps.kind", equalTo(List.of("E2E_RECORD", "E2E_RECORD")))
                .body("data.steps.status", equalTo(List.of("DONE", "DONE")))
                .body("data.steps.attempts", equalTo(List.of(1, 1)))
                .body("data.steps.maxAttempts", equalTo(List.of(5, 5)))
                .body("data.steps[0].output.gb", equalTo(20))
                .body("data.steps[1].output.earlier", equalTo(1))
                .body("data.steps[0].leaseOwner", nullValue())
                .body("data.steps[0].upid", nullValue())
                .body("data.steps[0].startTime", notNullValue())
                .body("data.steps[0].finishTime", notNullValue());
    }

    @Test
    void aFailureUndoesTheDoneStepsAndIsShownWithItsReason() {
        long vm = vm();
        long id = start("E2E_BROKEN", vm, Map.of(), "E2E_RECORD", "E2E_FAIL", "E2E_RECORD");
        OperationEvents.await(e -> e.equals("operation E2E_BROKEN FAILED"));

        get("/admin/getOperation/" + id)
                .body("data.status", equalTo("FAILED"))
                .body("data.error", equalTo("step 1 E2E_FAIL: the simulated disk is full"))
                .body("data.steps.status", equalTo(List.of("COMPENSATED", "FAILED", "SKIPPED")))
                .body("data.steps.undoAttempts", equalTo(List.of(1, 0, 0)));
        get("/admin/getOperationPage?status=failed&type=E2E_BROKEN")
                .body("data.records.id", equalTo(List.of((int) id)));
    }

    @Test
    void aVmHasOneActiveOperationAtATime() {
        long vm = vm();
        CountDownLatch gate = new CountDownLatch(1);
        TestStepHandlers.GATES.put("vm-" + vm, gate);
        long first = start("E2E_HELD", vm, Map.of("gate", "vm-" + vm), "E2E_HOLD");

        DomainException busy = assertThrows(DomainException.class, () -> start("E2E_OP", vm, Map.of(), "E2E_RECORD"));
        assertEquals(ErrorCode.VM_OPERATION_IN_PROGRESS, busy.code());
        assertEquals(1, rows.count("SELECT count(*) FROM operation WHERE vm_id = ?", vm), "nothing half-written");
        get("/admin/getOperationPage?vmId=" + vm + "&status=RUNNING").body("data.records.id", equalTo(List.of((int) first)));

        gate.countDown();
        OperationEvents.await(e -> e.equals("operation E2E_HELD SUCCEEDED"));
        start("E2E_OP", vm, Map.of(), "E2E_RECORD"); // free again
        OperationEvents.await(e -> e.equals("operation E2E_OP SUCCEEDED"));
    }

    @Test
    void secretsNeverBecomeParameters() {
        long vm = vm();
        DomainException e = assertThrows(DomainException.class,
                () -> start("E2E_OP", vm, Map.of("rootPassword", "hunter2"), "E2E_RECORD"));
        assertEquals("params.rootPassword", e.field().orElseThrow());
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id = ?", vm));
    }

    @Test
    void badFiltersAndIdsAreNamed() {
        get("/admin/getOperationPage?status=DONE").body("code", equalTo(4000002)).body("message", containsString("status"))
                .body("data", nullValue());
        get("/admin/getOperationPage?vmId=abc").body("code", equalTo(4000002)).body("message", containsString("vmId"));
        get("/admin/getOperationPage?type=create-vm").body("code", equalTo(4000002)).body("message", containsString("type"));
        get("/admin/getOperationPage?size=x").body("code", equalTo(4000002)).body("message", containsString("size"));
        get("/admin/getOperation/abc").body("code", equalTo(4000002)).body("message", containsString("id"));
        get("/admin/getOperation/999999999").body("code", equalTo(20400)).body("message", equalTo("不存在该操作"));
        Api.admin(root).header("Accept-Language", "en").get("/admin/getOperation/999999999").then()
                .body("code", equalTo(20400)).body("message", equalTo("No such operation"));
    }

    @Test
    void onlyAdminsSeeOperations() {
        given().get("/admin/getOperationPage").then().statusCode(200).body("code", not(equalTo(20000)));
        given().get("/admin/getOperation/1").then().statusCode(200).body("code", not(equalTo(20000)));
    }

    @Test
    void theEngineIsMeasured() {
        long vm = vm();
        start("E2E_METERED", vm, Map.of(), "E2E_RECORD");
        OperationEvents.await(e -> e.equals("operation E2E_METERED SUCCEEDED"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.matches("(?s).*ams_operations_total\\{[^}]*outcome=\"SUCCEEDED\"[^}]*type=\"E2E_METERED\"[^}]*} 1\\.0.*"), "operations by type and outcome");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("ams_operation_step_duration_seconds_bucket{kind=\"E2E_RECORD\""), "step duration histogram");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("ams_operation_queue_depth "), "queue depth gauge");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("ams_operation_lease_takeovers_total "), "takeover counter");
    }

    @Test
    void theOpenApiDocumentListsTheAdditions() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/{adminPath}/getOperationPage"))
                .body("paths", hasKey("/{adminPath}/getOperation/{id}"));
    }
}
