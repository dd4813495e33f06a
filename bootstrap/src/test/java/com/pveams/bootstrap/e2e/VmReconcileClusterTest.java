package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.in.vm.ReconcileVmsUseCase;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Reconciliation of a three-node PVE cluster: {@code /cluster/resources} answers for every member, so a run asks
 * it once, through the first online member, and the next one when that member does not answer; each node's rows
 * are compared with the guests PVE places on it.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class VmReconcileClusterTest {
    private static final List<String> MEMBERS = List.of("trio1", "trio2", "trio3");
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes("trio1", "trio2", "trio3")
            .clusterName("trio"));
    static PveSimulator sim;

    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    ReconcileVmsUseCase reconcile;

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    /** Cluster listings each member answered, by member. */
    private Map<String, Long> clusterReads() {
        Map<String, Long> out = new java.util.TreeMap<>();
        sim.requests().stream().filter(r -> r.method().equals("GET") && r.path().contains("/cluster/resources"))
                .forEach(r -> out.merge(r.node(), 1L, Long::sum));
        return out;
    }

    @Test
    void aThreeNodeClusterIsReadOncePerRunAndEachNodeKeepsItsOwnGuests() {
        InventoryRows rows = new InventoryRows(db);
        long[] nodes = new long[3];
        long[] vms = new long[3];
        for (int i = 0; i < 3; i++) {
            nodes[i] = pve.node(MEMBERS.get(i));
            rows.execute("UPDATE node SET pve_cluster = 'trio' WHERE id = ?", nodes[i]);
            String host = InventoryRows.unique("trio");
            vms[i] = rows.vm(nodes[i], 7201 + i, host, cipher.encrypt("Gu3st-Pass"), "{}", 0);
            sim.addVm(MEMBERS.get(i), 7201 + i, host, 1024, 2, true);
        }
        sim.setVmRunningByHand(7201, false); // on trio1: stopped by hand
        sim.removeVmByHand(7202);            // on trio2: deleted by hand
        Map<String, Long> before = clusterReads();

        reconcile.reconcileAll();

        assertEquals(Map.of("trio1", before.getOrDefault("trio1", 0L) + 1), withoutZeros(clusterReads(), before),
                "one listing for the whole cluster");
        assertEquals(1, rows.count("SELECT status FROM vm WHERE id = ?", vms[0]), "trio1's guest: stopped");
        assertEquals("7202", rows.text("SELECT drift->'missing'->>'stored' FROM vm WHERE id = ?", vms[1]),
                "trio2's guest: missing");
        assertEquals(0, rows.count("SELECT status FROM vm WHERE id = ?", vms[2]));
        assertNull(rows.text("SELECT CAST(drift AS text) FROM vm WHERE id = ?", vms[2]), "trio3's guest as stored");

        // the first member does not answer: the next one is asked instead, still once
        sim.node("trio1").stop();
        try {
            sim.setVmRunningByHand(7203, false);
            before = clusterReads();
            reconcile.reconcileAll();
            assertEquals(Map.of("trio2", before.getOrDefault("trio2", 0L) + 1), withoutZeros(clusterReads(), before));
            assertEquals(1, rows.count("SELECT status FROM vm WHERE id = ?", vms[2]), "trio3 reconciled through trio2");
        } finally {
            sim.node("trio1").start();
        }
    }

    /** The members whose count moved, with their new count. */
    private static Map<String, Long> withoutZeros(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> out = new java.util.TreeMap<>();
        now.forEach((node, n) -> {
            if (n > before.getOrDefault(node, 0L)) {
                out.put(node, n);
            }
        });
        return out;
    }
}
