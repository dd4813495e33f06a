package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.service.node.NodeAccessCache;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node access cache end to end: a VM list page reads its node from memory (a change made behind the service's
 * back, with the V31 trigger switched off, is not seen), and every write through the admin API or from "another
 * replica" (plain SQL, announced by the trigger) is seen by the very next call. The cache's lifetime is a minute,
 * longer than any wait here, so only an invalidation can end an entry within the test.
 */
@QuarkusTest
@TestProfile(NodeAccessCacheE2eTest.CacheOn.class)
@WithTestResource(EmbeddedPostgresResource.class)
class NodeAccessCacheE2eTest {

    /**
     * The cache is off in the other tests (they change node rows in plain SQL); on here, as in production. The live
     * data's deadline is long because this test asserts which credentials reached PVE, not how fast it answered.
     */
    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.node-cache.ttl", "60s", "ams.vm.live-timeout", "20s");
        }
    }

    private static final String NODE = "nac1";
    private static final String TOKEN_SECRET = "5a2b7c9d-0000-4000-8000-00000000cafe";
    /** Generous on purpose: only a broken invalidation ever waits this long. */
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes(NODE)
            .token("root@pam", "ams", TOKEN_SECRET));
    static PveSimulator sim;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    NodeAccessCache cache;
    @Inject
    NodeConnections connections;

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
        // another test may have cut the listener's connection: nothing is cached until it is back
        awaitTrue(cache::feedConnected, "the node change listener is connected");
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        long start = System.nanoTime();
        while (!condition.get()) {
            if (System.nanoTime() - start > WAIT_NANOS) {
                throw new AssertionError("timed out waiting: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** The VM's record on the admin list, filtered by node, with its live data or the reason it has none. */
    private JsonPath listed(long node) {
        return Api.admin(root).get("/admin/getVmByParam?param=nodeid&value=" + node).then().statusCode(200)
                .body("code", equalTo(20000)).extract().jsonPath();
    }

    private String liveProblem(long node) {
        return listed(node).getString("data.records[0].liveProblem");
    }

    /** How each status read of this VM reached PVE ("ticket" or "token"), oldest first. */
    private List<String> statusReads(int vmid) {
        return sim.requests().stream().filter(r -> r.method().equals("GET") && r.status() == 200
                && r.path().endsWith("/qemu/" + vmid + "/status/current")).map(PveSimulator.Seen::auth).toList();
    }

    private void update(Map<String, Object> body) {
        Api.admin(root).body(body).put("/admin/updateNodeInfo").then().statusCode(200).body("code", equalTo(20000));
    }

    /** Changes the node row the way a writer that bypasses the announcement would. */
    private void silently(String update) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE node DISABLE TRIGGER node_changed");
            s.execute(update);
            s.execute("ALTER TABLE node ENABLE TRIGGER node_changed");
            c.commit();
        }
    }

    @Test
    void credentialAndStateChangesReachTheNextCallAtOnceAndOtherReplicasWritesSoonAfter() throws Exception {
        long node = pve.node(NODE);
        int vmid = 6301;
        String host = InventoryRows.unique("nac");
        rows.vm(node, vmid, host, cipher.encrypt("Gu3st-Pass"), "{}", 0);
        sim.addVm(NODE, vmid, host, 512, 1, true);

        // the first page reads and decrypts the node; the second is served from memory, so a change nobody
        // announces is not seen
        assertEquals(null, liveProblem(node));
        silently("UPDATE node SET status = 1 WHERE id = " + node);
        assertEquals(null, liveProblem(node), "the node came from memory");
        assertEquals(List.of("ticket", "ticket"), statusReads(vmid));
        silently("UPDATE node SET status = 0 WHERE id = " + node);

        // new credentials through the admin API: the very next page uses them
        update(Map.of("id", node, "username", "root@pam!ams", "password", TOKEN_SECRET));
        assertEquals("TOKEN", rows.text("SELECT auth_mode FROM node WHERE id = ?", node));
        assertEquals(null, liveProblem(node));
        assertEquals(List.of("ticket", "ticket", "token"), statusReads(vmid), "the new token, not the old password");

        // disabled through the admin API: the very next page does not ask PVE
        update(Map.of("id", node, "status", 2));
        assertEquals("NODE_OFFLINE", liveProblem(node));
        assertEquals(3, statusReads(vmid).size());

        // another replica (plain SQL, announced by the trigger at commit) brings it back: seen without waiting for
        // the cache's lifetime
        rows.execute("UPDATE node SET status = 0 WHERE id = ?", node);
        awaitTrue(() -> liveProblem(node) == null, "the other replica's write is seen");
        assertEquals("token", statusReads(vmid).get(statusReads(vmid).size() - 1));

        // deleted through the admin API (its VM purged first): gone for the next caller at once
        assertTrue(connections.find(node).isPresent());
        rows.execute("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE node_id = ?", node);
        Api.admin(root).delete("/admin/deleteNodeById?nodeId=" + node).then().statusCode(200)
                .body("code", equalTo(20000));
        assertTrue(connections.find(node).isEmpty(), "a deleted node is not served from memory");
    }
}
