package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.Conditions;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.OperationEvents;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.support.TestStepHandlers;
import com.pveams.bootstrap.wiring.DataDirectory;
import com.pveams.domain.image.ImageKind;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.NewOperation.StepPlan;
import com.pveams.domain.vm.DeleteState;
import com.pveams.domain.vm.VmState;
import com.pveams.domain.vm.reinstall.DiskLayout;
import com.pveams.domain.vm.reinstall.ReinstallImage;
import com.pveams.domain.vm.reinstall.ReinstallableVm;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reinstall (admin and public) end to end: VM rows and images in the embedded database, guests in the PVE
 * simulator, the operation run by the service's engine: an accepted reinstall runs its own steps, then the build
 * steps it shares with the create ({@code VM_BUILD_DISKS}, {@code VM_BUILD_NETWORK}, {@code VM_BUILD_START},
 * {@code VM_BUILD_COMMIT}); the tests check the row and the simulator once it has ended.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmReinstallTest {
    private static final AtomicInteger VMIDS = new AtomicInteger(7100);
    private static final String TOKEN_SECRET = "6c0e2a55-reinstall-token";

    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1", "pve2")
            .clusterName("reinstall").token("root@pam", "ams", TOKEN_SECRET));
    static PveSimulator sim;
    static long node;
    static long tokenNode;
    static String appId;
    static String appKey;
    /** Image ids: Linux and Windows downloaded as PVE volumes, one not downloaded, one as a path on the node. */
    static long debian;
    static long windows;
    static long missing;
    static long onPath;
    static String debianFile;
    static String windowsFile;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
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
        if (node != 0) {
            return;
        }
        node = pve.node("pve1");
        // an API token of root@pam: PVE refuses it an import from a path, as any token
        tokenNode = rows.count("INSERT INTO node (name, host, api_port, pve_node_name, auth_mode, username,"
                        + " token_id, api_secret_enc, tls_trust_mode, tls_fingerprint)"
                        + " VALUES (?, '127.0.0.1', ?, 'pve2', 'TOKEN', 'root', 'ams', ?, 'PINNED', ?) RETURNING id",
                InventoryRows.unique("token-node"), sim.node("pve2").port(), cipher.encrypt(TOKEN_SECRET),
                sim.node("pve2").fingerprint());
        appId = pve.apiKey("vm-reinstall").appId();
        appKey = pve.apiKey("vm-reinstall").appKey();
        debianFile = InventoryRows.unique("debian-13") + ".qcow2";
        windowsFile = InventoryRows.unique("win2022") + ".qcow2";
        debian = image("Debian 13 " + debianFile, debianFile, "linux", "local:import/" + debianFile);
        windows = image("Windows " + windowsFile, windowsFile, "windows", "local:import/" + windowsFile);
        missing = image(InventoryRows.unique("Rocky"), InventoryRows.unique("rocky") + ".qcow2", "linux", null);
        String pathFile = InventoryRows.unique("alma") + ".qcow2";
        onPath = image(InventoryRows.unique("Alma"), pathFile, "linux", "/home/images/" + pathFile);
        for (String n : List.of("pve1", "pve2")) {
            sim.node(n).addVolume("local", "local:import/" + debianFile, "import", 2L << 30);
            sim.node(n).addVolume("local", "local:import/" + windowsFile, "import", 2L << 30);
        }
    }

    /** An image row, downloaded at {@code location} on both node rows unless null. */
    private long image(String name, String fileName, String type, String location) {
        long id = rows.count("INSERT INTO os_image (name, file_name, type, os_type, download_type) VALUES (?, ?, ?, ?, 1)"
                + " RETURNING id", name, fileName, type, "linux".equals(type) ? "debian" : null);
        if (location != null) {
            for (long n : List.of(node, tokenNode)) {
                rows.execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location)"
                        + " VALUES (?, ?, 2, 100, 'MANUAL', ?)", id, n, location);
            }
        }
        return id;
    }

    /**
     * A VM row on {@code nodeId} and its guest: system disk, one data disk, a cloud-init drive and an unused disk of
     * someone else's, every volume on the simulator's storage.
     */
    private long vm(long nodeId, int vmid, int status, boolean running) {
        long id = rows.vm(nodeId, vmid, InventoryRows.unique("host"), cipher.encrypt("Old-Pass1"), "{}", status);
        String pve = nodeId == tokenNode ? "pve2" : "pve1";
        sim.addVm(pve, vmid, "guest" + vmid, 512, 1, running);
        volume(pve, vmid, "scsi0", 0, 10);
        volume(pve, vmid, "scsi1", 1, 5);
        sim.node(pve).addVolume("local-lvm", "local-lvm:vm-" + vmid + "-disk-7", "images", 1L << 30);
        sim.setVmConfig(vmid, "unused0", "local-lvm:vm-" + vmid + "-disk-7");
        sim.setVmConfig(vmid, "ide2", "local-lvm:vm-" + vmid + "-cloudinit,media=cdrom");
        return id;
    }

    private void volume(String pve, int vmid, String slot, int n, int gib) {
        String volid = "local-lvm:vm-" + vmid + "-disk-" + n;
        sim.node(pve).addVolume("local-lvm", volid, "images", (long) gib << 30);
        sim.setVmConfig(vmid, slot, volid + ",discard=on,size=" + gib + "G");
    }

    private static String volid(int vmid, int n) {
        return "local-lvm:vm-" + vmid + "-disk-" + n;
    }

    private RequestSpecification api() {
        return given().header("Authorization", Api.basic(appId, appKey)).contentType(ContentType.JSON);
    }

    private ValidatableResponse adminReinstall(Object body) {
        return Api.admin(root).contentType(ContentType.JSON).body(body).put("/admin/reinstall").then().statusCode(200);
    }

    private ValidatableResponse publicReinstall(Object body) {
        return api().body(body).post("/api/v1/pve/reinstall").then().statusCode(200);
    }

    private static Map<String, Object> body(Object hostId, Object os, Object password, Object resetDataDisk) {
        Map<String, Object> b = new HashMap<>();
        b.put("hostId", hostId);
        b.put("os", os);
        b.put("newPassword", password);
        b.put("resetDataDisk", resetDataDisk);
        return b;
    }

    private ValidatableResponse adminGet(String path) {
        return Api.admin(root).get("/admin/" + path).then().statusCode(200);
    }

    private static void refused(ValidatableResponse r, int code, String inMessage) {
        r.statusCode(200).body("code", equalTo(code)).body("data", nullValue());
        if (inMessage != null) {
            r.body("message", containsString(inMessage));
        }
    }

    /** The reinstall ran its own steps and the shared build steps to the end. */
    private void awaitReinstalled(long op) {
        Conditions.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)),
                "the reinstall succeeds");
    }

    private void noSecretInOperations(long vmId, String secret) {
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id = ? AND (params::text LIKE ?"
                + " OR coalesce(error, '') LIKE ?)", vmId, "%" + secret + "%", "%" + secret + "%"));
        assertEquals(0, rows.count("SELECT count(*) FROM operation_step s JOIN operation o ON o.id = s.operation_id"
                + " WHERE o.vm_id = ? AND (s::text LIKE ?)", vmId, "%" + secret + "%"));
    }

    // ----------------------------------------------------------------------------------------------------- accepted

    @Test
    void adminReinstallStopsReplacesTheSystemDiskKeepsDataDisksAndSetsCloudInit() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(node, vmid, 0, true);
        String secret = "N3w-Reinstall-Pass";
        Map<String, String> before = sim.vmConfig(vmid);

        long op = adminReinstall(body(vm, debianFile, secret, false)).body("code", equalTo(20000))
                .body("data.hostId", equalTo((int) vm)).body("data.operationId", notNullValue())
                .extract().jsonPath().getLong("data.operationId");

        // the row at once: reinstalling, the new image, the login kept (same family), the password pending
        assertEquals(13, rows.count("SELECT status FROM vm WHERE id = ?", vm));
        assertEquals(debian, rows.count("SELECT os_image_id FROM vm WHERE id = ?", vm));
        assertEquals(debianFile, rows.text("SELECT os_file_name FROM vm WHERE id = ?", vm));
        assertEquals("Debian 13 " + debianFile, rows.text("SELECT os_name FROM vm WHERE id = ?", vm));
        assertEquals("linux", rows.text("SELECT os_type FROM vm WHERE id = ?", vm));
        assertEquals("root", rows.text("SELECT guest_username FROM vm WHERE id = ?", vm));
        assertEquals(secret, cipher.decrypt((byte[]) rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm)));
        assertEquals("Old-Pass1", cipher.decrypt((byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm)),
                "the guest password changes only when the build commits");

        // a second reinstall meanwhile: 1042
        refused(adminReinstall(body(vm, debianFile, null, false)), 1042, null);

        awaitReinstalled(op);
        Map<String, String> after = sim.vmConfig(vmid);
        assertEquals("running", sim.vmStatus(vmid), "started again by the shared build steps");
        String system = after.get("scsi0").split(",")[0];
        assertNotEquals(volid(vmid, 0), system, "a new system disk");
        assertEquals("local:import/" + debianFile, sim.importedFrom(vmid, system).orElseThrow(), "imported from the image");
        assertFalse(sim.volumeExists(volid(vmid, 0)), "the old system disk is destroyed");
        assertFalse(after.containsValue(volid(vmid, 0)), "and not left as an unused disk");
        assertEquals(before.get("scsi1"), after.get("scsi1"), "the data disk is kept");
        assertTrue(sim.volumeExists(volid(vmid, 1)));
        assertEquals(volid(vmid, 7), after.get("unused0"), "someone else's unused disk is never touched");
        assertTrue(sim.volumeExists(volid(vmid, 7)));
        assertEquals(before.get("net0"), after.get("net0"), "network and MAC kept");
        assertEquals("order=scsi0", after.get("boot"));
        assertEquals("root", after.get("ciuser"));
        assertEquals(secret, after.get("cipassword"));
        assertEquals("l26", after.get("ostype"));
        assertEquals("nocloud", after.get("citype"));
        assertEquals(1, sim.cloudInitRegenerations(vmid));

        adminGet("getOperation/" + op).body("data.type", equalTo("REINSTALL_VM"))
                .body("data.vmId", equalTo((int) vm))
                .body("data.params.systemVolume", equalTo(volid(vmid, 0)))
                .body("data.params.importFrom", equalTo("local:import/" + debianFile))
                .body("data.steps.kind", equalTo(List.of("VM_REINSTALL_BEGIN", "VM_REINSTALL_STOP",
                        "VM_REINSTALL_DISKS", "VM_REINSTALL_CLOUDINIT", "VM_BUILD_DISKS", "VM_BUILD_NETWORK",
                        "VM_BUILD_START", "VM_BUILD_COMMIT")))
                .body("data.steps.status", equalTo(List.of("DONE", "DONE", "DONE", "DONE", "DONE", "DONE", "DONE",
                        "DONE")))
                .body("data.steps[1].upid", containsString("qmstop"))
                .body("data.steps[2].output.systemVolume", equalTo(system));
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", vm), "running once the build committed");
        assertEquals(secret, cipher.decrypt((byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm)),
                "the new password is the guest password");
        assertNull(rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm));
        noSecretInOperations(vm, secret);
    }

    @Test
    void publicReinstallAcrossFamiliesResetsDataDisksAndLoginAndKeepsThePassword() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(node, vmid, 1, false);
        byte[] password = (byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm);

        // POST as well as PUT, the 0/1 boolean of the admin UI, the image by its name without .qcow2
        long op = publicReinstall(body(vm, windowsFile.replace(".qcow2", ""), "", 1)).body("code", equalTo(20000))
                .body("data.hostId", equalTo((int) vm)).extract().jsonPath().getLong("data.operationId");
        assertEquals(windows, rows.count("SELECT os_image_id FROM vm WHERE id = ?", vm));
        assertEquals("windows", rows.text("SELECT os_type FROM vm WHERE id = ?", vm));
        assertEquals("administrator", rows.text("SELECT guest_username FROM vm WHERE id = ?", vm));
        assertNull(rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm), "an empty password keeps the old one");
        assertArrayEquals(password, (byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm));
        // the image by id, through PUT: refused now only because this reinstall runs
        refused(api().body(body(vm, String.valueOf(debian), null, false)).put("/api/v1/pve/reinstall").then(), 1042, null);

        awaitReinstalled(op);
        Map<String, String> after = sim.vmConfig(vmid);
        String system = after.get("scsi0").split(",")[0];
        assertEquals("local:import/" + windowsFile, sim.importedFrom(vmid, system).orElseThrow());
        assertFalse(sim.volumeExists(volid(vmid, 0)));
        assertFalse(after.containsKey("scsi1"), "the data disk is detached (the row has no data disk to add again)");
        assertFalse(sim.volumeExists(volid(vmid, 1)), "and destroyed");
        assertEquals(volid(vmid, 7), after.get("unused0"));
        assertTrue(after.keySet().stream().noneMatch(k -> k.startsWith("unused") && !k.equals("unused0")));
        assertEquals("administrator", after.get("ciuser"));
        assertFalse(after.containsKey("cipassword"), "no new password: cloud-init keeps what it had");
        assertEquals("win11", after.get("ostype"));
        assertEquals("configdrive2", after.get("citype"));
        adminGet("getOperation/" + op).body("data.params.dataVolumes.scsi1", equalTo(volid(vmid, 1)))
                .body("data.params.resetDataDisk", equalTo(true))
                .body("data.steps[1].upid", nullValue());
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", vm));
        assertArrayEquals(password, (byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm),
                "no new password: the old one stays");
    }

    @Test
    void everyStepRunAgainFindsItsWorkDoneAndDoesNothingMore() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(node, vmid, 0, true);
        // the reinstall's own parameters, with each of its steps planned twice
        ReinstallableVm row = new ReinstallableVm(vm, node, vmid, VmState.RUNNING, DeleteState.LIVE, "linux", "root",
                "local-lvm");
        NewOperation planned = row.reinstall(new ReinstallImage(debian, "Debian", debianFile, ImageKind.LINUX,
                "local:import/" + debianFile), "local:import/" + debianFile, DiskLayout.of(sim.vmConfig(vmid)), true,
                "test").operation();
        List<StepPlan> twice = List.of(StepPlan.of("VM_REINSTALL_BEGIN"),
                StepPlan.of("VM_REINSTALL_STOP"), StepPlan.of("VM_REINSTALL_DISKS"), StepPlan.of("VM_REINSTALL_CLOUDINIT"),
                StepPlan.of("VM_REINSTALL_STOP"), StepPlan.of("VM_REINSTALL_DISKS"), StepPlan.of("VM_REINSTALL_CLOUDINIT"));
        long op = operations.start(new NewOperation("REINSTALL_TWICE", vm, node, planned.params(), "test", null, twice));
        Conditions.await(() -> "SUCCEEDED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)), "both runs end");

        Map<String, String> after = sim.vmConfig(vmid);
        String system = after.get("scsi0").split(",")[0];
        assertEquals("local:import/" + debianFile, sim.importedFrom(vmid, system).orElseThrow());
        assertFalse(sim.volumeExists(volid(vmid, 0)));
        assertFalse(sim.volumeExists(volid(vmid, 1)));
        assertEquals(1, after.keySet().stream().filter(k -> k.matches("(scsi|virtio|sata)[0-9]+")).count(),
                "one disk: the second run imported nothing more");
        assertEquals("stopped", sim.vmStatus(vmid));
        adminGet("getOperation/" + op).body("data.steps.status", equalTo(List.of("DONE", "DONE", "DONE", "DONE",
                        "DONE", "DONE", "DONE")))
                .body("data.steps[1].upid", containsString("qmstop"))
                .body("data.steps[2].upid", notNullValue())
                .body("data.steps[4].upid", nullValue())
                .body("data.steps[5].upid", nullValue())
                .body("data.steps[5].output.systemVolume", equalTo(system));
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", vm), "this test's operation never wrote the row");
    }

    @Test
    void aStepFailingForGoodLeavesTheVmStoppedWithTheReasonInTheOperation() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(node, vmid, 0, true);
        sim.node("pve1").inject(Fault.http(403, "Permission check failed (/vms/" + vmid + ", VM.Config.Disk)")
                .on("POST", "/nodes/pve1/qemu/" + vmid + "/config"));

        long op = adminReinstall(body(vm, debianFile, "An0ther-Pass", false)).body("code", equalTo(20000))
                .extract().jsonPath().getLong("data.operationId");
        Conditions.await(() -> "FAILED".equals(rows.text("SELECT status FROM operation WHERE id = ?", op)), "the reinstall fails");

        assertEquals(1, rows.count("SELECT status FROM vm WHERE id = ?", vm), "stopped, no longer reinstalling");
        assertNull(rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm), "the new password dropped");
        assertEquals("Old-Pass1", cipher.decrypt((byte[]) rows.value("SELECT guest_password_enc FROM vm WHERE id = ?", vm)));
        assertEquals("stopped", sim.vmStatus(vmid));
        assertEquals(volid(vmid, 0) + ",discard=on,size=10G", sim.vmConfig(vmid).get("scsi0"), "the old disk is still there");
        adminGet("getOperation/" + op).body("data.status", equalTo("FAILED"))
                .body("data.error", containsString("PERMISSION"))
                .body("data.steps.status[2]", equalTo("FAILED"))
                .body("data.steps.status[0]", equalTo("COMPENSATED"));
        // reinstalling again is the way out
        adminReinstall(body(vm, debianFile, null, false)).body("code", equalTo(20000));
    }

    // ---------------------------------------------------------------------------------------------------- refusals

    @Test
    void refusalsChangeNothing() {
        refused(adminReinstall(body(null, debianFile, null, false)), 4000002, "hostId");
        refused(publicReinstall(body(0, debianFile, null, false)), 4000002, "hostId");
        refused(adminReinstall(body(99999999, debianFile, null, false)), 1016, null);
        refused(publicReinstall(body(99999999, debianFile, null, false)), 1016, null);
        refused(api().body(body(1, debianFile, null, false)).put("/api/v1/kvm/reinstall").then(), 501001, null);
        given().contentType(ContentType.JSON).body(body(1, debianFile, null, false)).put("/api/v1/pve/reinstall").then()
                .statusCode(401);

        int vmid = VMIDS.incrementAndGet();
        long vm = vm(node, vmid, 0, true);
        Map<String, String> config = sim.vmConfig(vmid);
        refused(adminReinstall(body(vm, " ", null, false)), 1006, "os");
        refused(adminReinstall(body(vm, "no-such-image", null, false)), 1014, "os");
        refused(publicReinstall(body(vm, "99999999", null, false)), 1014, "os");
        refused(adminReinstall(body(vm, String.valueOf(missing), null, false)), 1015, "os");
        refused(adminReinstall(body(vm, debianFile, "bad\npassword", false)), 4000002, "newPassword");
        sim.addSnapshot(vmid, "before-upgrade");
        refused(adminReinstall(body(vm, debianFile, "N3w-Pass", false)), 1044, null);
        for (int[] s : new int[][]{{4, 1018}, {5, 1021}, {6, 1042}, {13, 1042}}) {
            rows.execute("UPDATE vm SET status = ? WHERE id = ?", (short) s[0], vm);
            refused(publicReinstall(body(vm, debianFile, "N3w-Pass", false)), s[1], null);
        }
        rows.execute("UPDATE vm SET status = 0 WHERE id = ?", vm);
        rows.execute("UPDATE vm SET delete_state = 1, recycle_purge_at = now() + interval '1 day' WHERE id = ?", vm);
        refused(adminReinstall(body(vm, debianFile, null, false)), 1016, null);
        rows.execute("UPDATE vm SET delete_state = 0, recycle_purge_at = NULL WHERE id = ?", vm);

        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id = ?", vm), "nothing started");
        assertEquals("debian-12.qcow2", rows.text("SELECT os_file_name FROM vm WHERE id = ?", vm));
        assertNull(rows.value("SELECT os_image_id FROM vm WHERE id = ?", vm));
        assertNull(rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm));
        assertEquals(config, sim.vmConfig(vmid), "nothing changed on PVE");
        assertEquals("running", sim.vmStatus(vmid));
    }

    @Test
    void anImageOnAPathIsRefusedForATokenNodeAndAnotherOperationWith1080() {
        int vmid = VMIDS.incrementAndGet();
        long vm = vm(tokenNode, vmid, 1, false);
        refused(adminReinstall(body(vm, String.valueOf(onPath), null, false)), 1015, "root@pam");

        CountDownLatch gate = new CountDownLatch(1);
        TestStepHandlers.GATES.put("reinstall-" + vm, gate);
        operations.start(NewOperation.of("E2E_HELD", vm, tokenNode, Map.of("gate", "reinstall-" + vm), "test", "E2E_HOLD"));
        try {
            refused(publicReinstall(body(vm, debianFile, "N3w-Pass", false)), 1080, null);
        } finally {
            gate.countDown();
        }
        OperationEvents.await(e -> e.equals("operation E2E_HELD SUCCEEDED"));
        assertEquals(0, rows.count("SELECT count(*) FROM operation WHERE vm_id = ? AND type = 'REINSTALL_VM'", vm));
        assertEquals(1, rows.count("SELECT status FROM vm WHERE id = ?", vm), "the rolled-back transaction wrote nothing");
        assertNull(rows.value("SELECT pending_guest_password_enc FROM vm WHERE id = ?", vm));
        assertEquals("debian-12.qcow2", rows.text("SELECT os_file_name FROM vm WHERE id = ?", vm));
        // a token node takes an image that is a PVE volume
        long op = publicReinstall(body(vm, debianFile, null, false)).body("code", equalTo(20000))
                .extract().jsonPath().getLong("data.operationId");
        awaitReinstalled(op);
        assertEquals("local:import/" + debianFile,
                sim.importedFrom(vmid, sim.vmConfig(vmid).get("scsi0").split(",")[0]).orElseThrow());
    }
}
