package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.Fault;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.OperationEvents;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.domain.vm.build.ProvisioningPlan;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build steps of a create, end to end: a VM row as the create request writes it, {@code ProvisioningPlan.create}
 * started through the application's {@code StartOperation}, the service's engine running the steps against the PVE
 * simulator (which checks every request against PVE's schema).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmBuildTest {
    private static final long GIB = 1L << 30;
    private static final AtomicInteger VMIDS = new AtomicInteger(6100);
    private static final AtomicInteger NETS = new AtomicInteger(1);

    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("pve1").clusterName("build")
            .token("root@pam", "ams", "Token-Secret1"));
    static PveSimulator sim;
    static long node;

    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    StartOperation operations;

    InventoryRows rows;

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    @BeforeEach
    void setUp() {
        rows = new InventoryRows(db);
        if (node == 0) {
            node = pve.node("pve1");
        }
    }

    @AfterEach
    void clearFaults() {
        sim.node("pve1").clearFaults();
        sim.importRate(0);
        sim.ticketLifetime(Duration.ofHours(2));
    }

    /** An image of {@code bytes} in the node's import storage; returns its image row. */
    private long image(String type, long bytes) {
        String file = InventoryRows.unique(type).replace('-', '_') + ".qcow2";
        String volume = "local:import/" + file;
        sim.node("pve1").addVolume("local", volume, "import", bytes);
        return rows.imageOnNode(node, file, type, volume);
    }

    /** A pool of three addresses with the first two held by the VM; returns the pool id. */
    private long heldAddresses(long vm, String net) {
        long pool = rows.count("INSERT INTO ip_pool (node_id, name, prefix_length, gateway, dns1)"
                        + " VALUES (?, ?, 24, CAST(? AS inet), CAST('1.1.1.1' AS inet)) RETURNING id",
                node, InventoryRows.unique("pool"), net + "1");
        rows.execute("INSERT INTO ip_address (pool_id, node_id, ip_version, address)"
                + " SELECT ?, ?, 4, CAST(? AS inet) + g FROM generate_series(0, 2) g", pool, node, net + "10");
        rows.hold(pool, net + "10", vm);
        rows.hold(pool, net + "11", vm);
        return pool;
    }

    private long build(long[] vm, int vmid) {
        long op = operations.start(ProvisioningPlan.create(vm[0], node, vmid, vm[1], "test"));
        OperationEvents.await(e -> e.startsWith("operation CREATE_VM "));
        return op;
    }

    private String opStatus(long op) {
        return rows.text("SELECT status FROM operation WHERE id = ?", op);
    }

    private int mutatingRequests() {
        return sim.requestCount("POST", ".*") + sim.requestCount("PUT", ".*") + sim.requestCount("DELETE", ".*");
    }

    @Test
    void aCreatingRowBecomesARunningVmBuiltExactlyAsTheRowSays() {
        int vmid = VMIDS.incrementAndGet();
        String net = "10.81." + NETS.incrementAndGet() + ".";
        long[] vm = rows.creatingVm(node, vmid, image("linux", 3 * GIB), "linux", "root", cipher.encrypt("Build-Pass1"),
                "local-lvm", 20, "{\"1\":10,\"2\":{\"size\":5,\"storage\":\"local-lvm\"}}",
                "{\"1\":\"ip=" + net + "10/24,gw=" + net + "1\",\"2\":\"ip=" + net + "11/24\"}", 100, 200, 3000);
        heldAddresses(vm[0], net);

        long op = build(vm, vmid);

        assertEquals("SUCCEEDED", opStatus(op));
        assertEquals("running", sim.vmStatus(vmid));
        Map<String, String> c = sim.vmConfig(vmid);
        assertTrue(c.get("scsi0").startsWith("local-lvm:vm-" + vmid + "-disk-"), c.get("scsi0"));
        assertTrue(c.get("scsi0").contains("size=20G"), "grown to system_disk_gb: " + c.get("scsi0"));
        assertTrue(c.get("scsi0").contains("mbps_rd=200") && c.get("scsi0").contains("iops_wr=3000"), c.get("scsi0"));
        assertTrue(c.get("scsi1").contains("size=10G"), c.get("scsi1"));
        assertTrue(c.get("scsi2").contains("size=5G"), c.get("scsi2"));
        assertTrue(c.get("ide2").startsWith("local-lvm:vm-" + vmid + "-cloudinit"), c.get("ide2"));
        assertTrue(c.get("net0").contains("bridge=vmbr0") && c.get("net0").contains("rate=12.5")
                && c.get("net0").contains("firewall=1") && c.get("net0").startsWith("virtio="), c.get("net0"));
        assertEquals("ip=" + net + "10/24,gw=" + net + "1", c.get("ipconfig0"));
        assertFalse(c.containsKey("ipconfig1"), "one NIC: the second slot is not configured by the build");
        assertEquals("1.1.1.1", c.get("nameserver"));
        assertEquals("root", c.get("ciuser"));
        assertNotNull(c.get("cipassword"));
        assertEquals("nocloud", c.get("citype"));
        assertEquals("l26", c.get("ostype"));
        assertEquals("order=scsi0", c.get("boot"));
        assertEquals("virtio-scsi-single", c.get("scsihw"));
        assertEquals("x86-64-v2-AES", c.get("cpu"));
        assertEquals("2", c.get("cores"));
        assertEquals("1024", c.get("memory"));
        assertEquals("1", c.get("onboot"));
        assertEquals("1", c.get("agent"));
        assertEquals("pveams-vm-id=" + vm[0], c.get("description"));
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", vm[0]));
        assertEquals(2, rows.count("SELECT count(*) FROM ip_address WHERE vm_id = ?", vm[0]), "addresses kept");
        assertEquals(vm[1], rows.count("SELECT id FROM vmid_reservation WHERE vm_id = ?", vm[0]));
        assertEquals(List.of("DONE", "DONE", "DONE", "DONE", "DONE", "DONE"), stepStatuses(op));

        // every step run again after it was done: PVE is only read, nothing more is made
        int before = mutatingRequests();
        long again = build(vm, vmid);
        assertEquals("SUCCEEDED", opStatus(again));
        assertEquals(before, mutatingRequests(), "a re-run of done steps changes nothing on PVE");
        assertEquals(c, sim.vmConfig(vmid));
    }

    @Test
    void aWindowsImageGetsConfigdrive2AndAdministrator() {
        int vmid = VMIDS.incrementAndGet();
        long[] vm = rows.creatingVm(node, vmid, image("windows", 2 * GIB), "windows", "administrator",
                cipher.encrypt("Win-Pass1"), "local-lvm", 30, "{}", "{}", 0, 0, 0);
        long op = build(vm, vmid);
        assertEquals("SUCCEEDED", opStatus(op));
        Map<String, String> c = sim.vmConfig(vmid);
        assertEquals("configdrive2", c.get("citype"));
        assertEquals("administrator", c.get("ciuser"));
        assertFalse(c.get("net0").contains("rate="), "bandwidth 0: no limit");
        assertFalse(c.containsKey("ipconfig0"));
        assertTrue(c.get("scsi0").contains("size=30G"));
    }

    @Test
    void aPve500OnCreateIsRetriedAndTheCreateSucceeds() {
        int vmid = VMIDS.incrementAndGet();
        long[] vm = rows.creatingVm(node, vmid, image("linux", GIB), "linux", "root", cipher.encrypt("Build-Pass1"),
                "local-lvm", 10, "{}", "{}", 10, 0, 0);
        sim.node("pve1").inject(Fault.internalError().on("POST", "/nodes/pve1/qemu").times(1));
        long op = build(vm, vmid);
        assertEquals("SUCCEEDED", opStatus(op));
        assertEquals("running", sim.vmStatus(vmid));
        assertEquals(2, rows.count("SELECT attempts FROM operation_step WHERE operation_id = ? AND kind = ?", op,
                ProvisioningPlan.DEFINE));
    }

    @Test
    void aForeignGuestOnTheVmidMovesTheVmToTheNextFreeVmid() {
        int vmid = VMIDS.addAndGet(2) - 1;
        sim.addVm("pve1", vmid, "not-ours", 512, 1, false);
        long[] vm = rows.creatingVm(node, vmid, image("linux", GIB), "linux", "root", cipher.encrypt("Build-Pass1"),
                "local-lvm", 10, "{}", "{}", 10, 0, 0);
        long op = build(vm, vmid);
        assertEquals("SUCCEEDED", opStatus(op));
        long moved = rows.count("SELECT vmid FROM vm WHERE id = ?", vm[0]);
        assertTrue(moved > vmid, "moved to " + moved);
        assertEquals("running", sim.vmStatus((int) moved));
        assertEquals("not-ours", sim.vmConfig(vmid).get("name"), "the foreign guest is left alone");
        assertEquals(moved, rows.count("SELECT vmid FROM vmid_reservation WHERE vm_id = ?", vm[0]));
        assertEquals(1, rows.count("SELECT count(*) FROM vmid_reservation WHERE id = ? AND vm_id IS NULL"
                + " AND pve_conflict", vm[1]), "the taken VMID is kept out of use");
    }

    @Test
    void aPermanentFailureRemovesThePartialVmAndFreesTheVmidAndTheAddresses() {
        int vmid = VMIDS.incrementAndGet();
        String net = "10.81." + NETS.incrementAndGet() + ".";
        long[] vm = rows.creatingVm(node, vmid, image("linux", GIB), "linux", "root", cipher.encrypt("Build-Pass1"),
                "local-lvm", 10, "{\"1\":{\"size\":5,\"storage\":\"nosuchstore\"}}",
                "{\"1\":\"ip=" + net + "10/24,gw=" + net + "1\"}", 10, 0, 0);
        long pool = heldAddresses(vm[0], net);

        long op = build(vm, vmid);

        assertEquals("FAILED", opStatus(op));
        assertFalse(sim.vmExists(vmid), "the guest made by the define step is destroyed");
        assertEquals(List.of("COMPENSATED", "COMPENSATED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED"), stepStatuses(op));
        assertTrue(rows.text("SELECT error FROM operation_step WHERE operation_id = ? AND kind = ?", op,
                ProvisioningPlan.DISKS).contains("nosuchstore"));
        assertEquals(3, rows.count("SELECT count(*) FROM ip_address WHERE pool_id = ? AND status = 0 AND vm_id IS NULL",
                pool), "the addresses are free again");
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE id = ? OR vm_id = ?", vm[1], vm[0]));
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm[0]));
        assertNotNull(rows.value("SELECT deleted_at FROM vm WHERE id = ?", vm[0]));
    }

    @Test
    void aLongImportOutlivesTheTicketWhichIsRenewed() {
        int vmid = VMIDS.incrementAndGet();
        long[] vm = rows.creatingVm(node, vmid, image("linux", 4 * GIB), "linux", "root", cipher.encrypt("Build-Pass1"),
                "local-lvm", 10, "{}", "{}", 10, 0, 0);
        // 4 GiB at 4 GiB/s: the import task runs a second, the ticket lives a fifth of it
        sim.importRate(4 * GIB);
        sim.ticketLifetime(Duration.ofMillis(200));
        int logins = sim.passwordLogins() + sim.ticketRenewals();
        long op = build(vm, vmid);
        assertEquals("SUCCEEDED", opStatus(op));
        assertTrue(sim.passwordLogins() + sim.ticketRenewals() > logins, "a new ticket was obtained mid-operation");
        assertTrue(sim.vmConfig(vmid).get("scsi0").contains("size=10G"));
        assertTrue(rows.count("SELECT count(*) FROM operation_step WHERE operation_id = ? AND kind = ?"
                + " AND upid LIKE '%qmcreate%'", op, ProvisioningPlan.DEFINE) == 1, "the step waited for the import task");
    }

    @Test
    void anImageAtAnAbsolutePathIsRefusedOnANodeThatUsesAnApiTokenBeforePveIsAsked() {
        long tokenNode = rows.count("INSERT INTO node (name, host, api_port, pve_node_name, auth_mode, username, realm,"
                        + " token_id, api_secret_enc, tls_trust_mode, tls_fingerprint) VALUES (?, 'localhost', ?, 'pve1',"
                        + " 'TOKEN', 'root', 'pam', 'ams', ?, 'PINNED', ?) RETURNING id", InventoryRows.unique("token-node"),
                sim.node("pve1").port(), cipher.encrypt("Token-Secret1"), sim.node("pve1").fingerprint());
        int vmid = VMIDS.incrementAndGet();
        long image = rows.imageOnNode(tokenNode, InventoryRows.unique("path").replace('-', '_') + ".qcow2", "linux",
                "/home/images/debian-12.qcow2");
        long[] vm = rows.creatingVm(tokenNode, vmid, image, "linux", "root", cipher.encrypt("Build-Pass1"),
                "local-lvm", 10, "{}", "{}", 10, 0, 0);
        int creates = sim.requestCount("POST", "/nodes/pve1/qemu");

        long op = operations.start(ProvisioningPlan.create(vm[0], tokenNode, vmid, vm[1], "test"));
        OperationEvents.await(e -> e.startsWith("operation CREATE_VM "));

        assertEquals("FAILED", opStatus(op));
        String error = rows.text("SELECT error FROM operation_step WHERE operation_id = ? AND kind = ?", op,
                ProvisioningPlan.DEFINE);
        assertTrue(error.contains("root@pam") && error.contains("API token"), error);
        assertEquals(creates, sim.requestCount("POST", "/nodes/pve1/qemu"), "PVE was not asked");
        assertFalse(sim.vmExists(vmid));
        assertEquals(2, rows.count("SELECT delete_state FROM vm WHERE id = ?", vm[0]));
        assertEquals(0, rows.count("SELECT count(*) FROM vmid_reservation WHERE id = ?", vm[1]));
    }

    private List<String> stepStatuses(long op) {
        String s = rows.text("SELECT string_agg(status, ',' ORDER BY ordinal) FROM operation_step WHERE operation_id = ?",
                op);
        return List.of(s.split(","));
    }
}
