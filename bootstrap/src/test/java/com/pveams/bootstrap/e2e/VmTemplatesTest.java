package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.service.vm.template.ImageTemplates;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.domain.vm.template.ImageTemplate;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template fast path end to end: a downloaded image becomes a template VM on the simulated node through a
 * durable build operation; {@link ImageTemplates#readyTemplate} offers it only when ready and starts one build for
 * concurrent callers; a failed build leaves nothing on PVE and frees its VMID; an image's delete destroys its
 * templates.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmTemplatesTest {
    private static final String STORAGE = "local-lvm";
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1")
            .taskDuration(Duration.ofMillis(50)));
    static PveSimulator sim;
    static long node;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    ImageTemplates templates;

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
        if (node == 0) {
            node = pve.node("pve1");
        }
    }

    /** An uploaded image whose file is on the node's import storage, recorded as downloaded there. */
    private long downloadedImage() {
        String file = InventoryRows.unique("tpl") + ".qcow2";
        long id = rows.count("INSERT INTO os_image (name, file_name, type, os_type, download_type) VALUES (?, ?, 'linux',"
                + " 'debian', 1) RETURNING id", file, file);
        sim.node("pve1").addVolume("local", "local:import/" + file, "import", 256L << 20);
        rows.execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location) VALUES"
                + " (?, ?, 2, 100, 'PVE', ?)", id, node, "local:import/" + file);
        return id;
    }

    private String text(String sql, Object... params) {
        return rows.text(sql, params);
    }

    /** Waits for the query to answer {@code expected}; the bound only stops a broken run from hanging. */
    private void await(String expected, String sql, Object... params) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!expected.equals(text(sql, params)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertEquals(expected, text(sql, params), sql);
    }

    private String state(long imageId) {
        return "SELECT coalesce((SELECT state FROM vm_template WHERE os_image_id = " + imageId + "), 'none')";
    }

    @Test
    void aDownloadedImageBecomesATemplateThatCreatesMayClone() {
        String file = InventoryRows.unique("dl") + ".qcow2";
        Map<String, Object> body = new HashMap<>(Map.of("name", file, "fileName", file, "type", "linux", "downType", 0,
                "arch", "x86_64", "url", "https://151.101.2.132/images/" + file, "path", "/home/images",
                "osType", "debian", "cloud", 1));
        Api.admin(root).body(body).post("/admin/insertOs").then().body("code", equalTo(20000));
        long image = Long.parseLong(text("SELECT id::text FROM os_image WHERE name = ?", file));
        Api.admin(root).body(Map.of("osId", image, "nodeId", node)).post("/admin/downloadOs").then()
                .body("code", equalTo(20000));

        // no create asked for it: the download's end started the build
        await("READY", state(image));
        int vmid = Integer.parseInt(text("SELECT vmid::text FROM vm_template WHERE os_image_id = ?", image));
        // the operation ends just after its last step's transaction marked the row
        await("local-lvm|true|SUCCEEDED", "SELECT t.storage || '|' || t.linked_clones || '|' || o.status"
                + " FROM vm_template t JOIN operation o ON o.id = t.operation_id WHERE t.os_image_id = ?", image);
        assertTrue(sim.isTemplate(vmid));
        assertTrue(sim.vmConfig(vmid).get("scsi0").startsWith("local-lvm:base-" + vmid + "-disk-0"));
        // the template's VMID is held for good in the node's VMID space
        assertEquals("9999", text("SELECT extract(year FROM reserved_until AT TIME ZONE 'UTC')::int::text"
                + " FROM vmid_reservation WHERE node_id = ? AND vmid = ?", node, vmid));

        Optional<ImageTemplate> ready = templates.readyTemplate(image, node, STORAGE);
        assertTrue(ready.isPresent());
        assertEquals(vmid, ready.get().vmid());
        assertTrue(ready.get().linkedClones());
    }

    @Test
    void readyTemplateIsEmptyWhileBuildingAndConcurrentCallersStartOneBuild() throws Exception {
        long image = downloadedImage();
        sim.node("pve1").holdResponses(); // the build cannot get past its first PVE call
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<ImageTemplate>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return templates.readyTemplate(image, node, STORAGE);
                }));
            }
            go.countDown();
            for (Future<Optional<ImageTemplate>> c : calls) {
                assertFalse(c.get(60, TimeUnit.SECONDS).isPresent(), "nothing to clone yet: import instead");
            }
            assertEquals("BUILDING", text(state(image)));
            assertFalse(templates.readyTemplate(image, node, STORAGE).isPresent());
            assertEquals(1, rows.count("SELECT count(*) FROM operation WHERE type = 'TEMPLATE_BUILD'"
                    + " AND (params->>'osImageId')::bigint = ?", image));
        } finally {
            sim.node("pve1").releaseResponses();
            pool.shutdownNow();
        }
        await("READY", state(image));
        assertTrue(templates.readyTemplate(image, node, STORAGE).isPresent());
        assertEquals(1, rows.count("SELECT count(*) FROM operation WHERE type = 'TEMPLATE_BUILD'"
                + " AND (params->>'osImageId')::bigint = ?", image));
    }

    @Test
    void aFailedBuildRemovesTheHalfMadeTemplateAndFreesItsVmid() {
        long image = downloadedImage();
        sim.node("pve1").inject(Fault.http(400, "template conversion refused").on("POST", "/nodes/pve1/qemu/\\d+/template"));
        assertFalse(templates.readyTemplate(image, node, STORAGE).isPresent());

        await("FAILED", state(image));
        long operation = Long.parseLong(text("SELECT operation_id::text FROM vm_template WHERE os_image_id = ?", image));
        await("FAILED", "SELECT status FROM operation WHERE id = ?", operation);
        int vmid = Integer.parseInt(text("SELECT output->>'vmid' FROM operation_step WHERE operation_id = ?"
                + " AND kind = 'TEMPLATE_RESERVE'", operation));
        assertEquals("COMPENSATED", text("SELECT status FROM operation_step WHERE operation_id = ?"
                + " AND kind = 'TEMPLATE_DEFINE'", operation));
        assertFalse(sim.vmExists(vmid), "the half-made template is destroyed");
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE node_id = ? AND vmid = ?", node, vmid));
        assertEquals("", text("SELECT coalesce(vmid::text, '') FROM vm_template WHERE os_image_id = ?", image));

        // a failed build is not started again at once by every create
        assertFalse(templates.readyTemplate(image, node, STORAGE).isPresent());
        assertEquals(1, rows.count("SELECT count(*) FROM operation WHERE type = 'TEMPLATE_BUILD'"
                + " AND (params->>'osImageId')::bigint = ?", image));
        sim.node("pve1").clearFaults();
    }

    @Test
    void deletingTheImageDestroysItsTemplateAndFreesItsVmid() {
        long image = downloadedImage();
        templates.readyTemplate(image, node, STORAGE);
        await("READY", state(image));
        int vmid = Integer.parseInt(text("SELECT vmid::text FROM vm_template WHERE os_image_id = ?", image));
        long template = Long.parseLong(text("SELECT id::text FROM vm_template WHERE os_image_id = ?", image));

        Api.admin(root).body(Map.of("osId", image)).delete("/admin/deleteOs").then().body("code", equalTo(20000));
        assertEquals(0, rows.count("SELECT count(*) FROM os_image WHERE id = ?", image));
        await("0", "SELECT count(*)::text FROM vm_template WHERE id = ?", template);
        assertFalse(sim.vmExists(vmid));
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE node_id = ? AND vmid = ?", node, vmid));
        // the operation ends just after its last step's transaction removed the row
        await("SUCCEEDED", "SELECT status FROM operation WHERE type = 'TEMPLATE_DESTROY'"
                + " AND (params->>'templateId')::bigint = ?", template);
    }
}
