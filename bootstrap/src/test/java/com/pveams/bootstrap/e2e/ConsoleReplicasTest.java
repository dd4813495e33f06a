package com.pveams.bootstrap.e2e;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.adapters.persistence.console.PostgresConsoleOpenings;
import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.config.ConsolePolicy;
import com.pveams.application.port.in.audit.RecordAuditUseCase;
import com.pveams.application.port.in.console.ConsoleEnd;
import com.pveams.application.port.in.console.OpenConsoleUseCase;
import com.pveams.application.port.in.console.OpenConsoleUseCase.OpenConsole;
import com.pveams.application.port.in.settings.SystemSettingsUseCase;
import com.pveams.application.port.out.console.ConsoleFrontEnds;
import com.pveams.application.port.out.console.ConsoleRelay;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.hypervisor.HypervisorVms;
import com.pveams.application.port.out.node.NodeConnections;
import com.pveams.application.port.out.vm.VmReader;
import com.pveams.application.service.console.ConsoleService;
import com.pveams.application.service.console.ConsoleSessionTransactions;
import com.pveams.application.service.console.OpenConsoles;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.Conditions;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * "One console per VM" across replicas on one database: the service under test is replica B; replica A is a second
 * console registry and service in the same process, with its own LISTEN connection, sharing the database, PVE and
 * the beans a replica shares through them. Opening a console on one replica closes the VM's console on the other.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConsoleReplicasTest {
    private static final String NODE = "rep1";
    private static final AtomicInteger REPLICA_A = new AtomicInteger();
    static PveSimulator sim;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    OpenConsoleUseCase replicaB;
    @Inject
    VmReader vms;
    @Inject
    NodeConnections nodes;
    @Inject
    HypervisorVms pve;
    @Inject
    ConsoleFrontEnds frontEnds;
    @Inject
    ConsoleSessionTransactions sessions;
    @Inject
    ConsoleRelay relay;
    @Inject
    SystemSettingsUseCase settings;
    @Inject
    ConsolePolicy policy;
    @Inject
    RecordAuditUseCase audit;
    @Inject
    Clock clock;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    PostgresConsoleOpenings openingsA;
    String replicaAName; // its listener connection's application_name, new in every test
    static long nodeId;
    String root;
    InventoryRows rows;

    @BeforeAll
    static void start() {
        sim = PveSimulator.builder().nodes(NODE).clusterName("replicas").start();
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        replicaAName = "console-replica-a-" + REPLICA_A.incrementAndGet();
        if (nodeId == 0) {
            nodeId = rows.pveNode(null, sim.node(NODE).port(), NODE, cipher.encrypt(PveSimulator.ROOT_PASSWORD),
                    sim.node(NODE).fingerprint());
            rows.execute("UPDATE vnc_controller SET status = 1");
            Api.admin(root).body(Map.of("name", "rep", "host", "127.0.0.1", "port", RestAssured.port,
                    "protocol", 0)).post("/admin/addVncNode").then().body("code", equalTo(20000));
        }
    }

    private long runningVm(int vmid) {
        long id = rows.vm(nodeId, vmid, InventoryRows.unique("rep"), cipher.encrypt("Gu3st-Pass"), "{}", 0);
        sim.addVm(NODE, vmid, "rep", 512, 1, true);
        return id;
    }

    /** Replica A: a second registry with its own listener connection, opened by {@code opener}. */
    private OpenConsoleUseCase replicaA(PostgresListener.ConnectionOpener opener) {
        openingsA = new PostgresConsoleOpenings(opener, em);
        OpenConsoles registryA = new OpenConsoles(sessions, openingsA, audit, clock);
        return new ConsoleService(vms, nodes, pve, frontEnds, sessions, registryA, relay, settings, policy, clock);
    }

    private void awaitReplicaAListens() {
        // its connection's last statement shows that its LISTEN is in place
        Conditions.await(() -> rows.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                + replicaAName + "' AND query IN ('LISTEN " + PostgresConsoleOpenings.CHANNEL + "', 'SELECT 1')") == 1,
                "replica A listens");
    }

    private long newestOpenedSession(long vmId) {
        return ((Number) rows.value("SELECT id FROM vm_console_session WHERE vm_id = ? AND opened_at IS NOT NULL "
                + "ORDER BY id DESC LIMIT 1", vmId)).longValue();
    }

    @AfterEach
    void stopReplicaA() {
        if (openingsA != null) {
            openingsA.close();
        }
    }

    private Connection listenerConnection() throws SQLException {
        return listenerConnection(replicaAName);
    }

    private Connection listenerConnection(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, props);
    }

    @Test
    void aConsoleOpenedOnOneReplicaClosesTheVmsConsoleOnTheOther() throws Exception {
        long id = runningVm(7300);
        OpenConsoleUseCase replicaA = replicaA(this::listenerConnection);
        awaitReplicaAListens();

        Viewer onA = new Viewer();
        replicaA.open(new OpenConsole(id, token(root, id), "198.51.100.7"), onA);
        assertEquals(1, replicaA.openCount());
        long sessionA = newestOpenedSession(id);

        ConsoleTest.Client onB = ConsoleTest.Client.open(id, token(root, id));
        assertEquals("RFB 003.008\n", onB.binaryText());
        Conditions.await(() -> onA.reason != null, "replica A's console is closed");
        assertEquals("replaced by a newer console", onA.reason);
        assertEquals(0, replicaA.openCount());
        Conditions.await(() -> replicaB.openCount() == 1, "replica B keeps its console");
        long sessionB = newestOpenedSession(id);
        assertEquals(Map.of(id, sessionB), sessions.newestOpen(List.of(id, 999_999L)));
        Conditions.await(() -> rows.value("SELECT closed_at FROM vm_console_session WHERE id = ?", sessionA) != null,
                "replica A's session ends");
        Conditions.await(() -> rows.count("SELECT count(*) FROM audit_log WHERE method = 'WS' AND detail LIKE "
                + "'console closed (replaced by a newer console): hostId=" + id + ",%session=" + sessionA + "'") == 1,
                "replica A's close is audited");

        Viewer againOnA = new Viewer();
        OpenConsoleUseCase.Opened opened = replicaA.open(new OpenConsole(id, token(root, id), "198.51.100.7"),
                againOnA);
        assertEquals("1000 replaced by a newer console", onB.closed(), "and the other way round");
        Conditions.await(() -> replicaB.openCount() == 0, "replica B's console is gone");
        assertEquals(1, replicaA.openCount());
        assertNull(againOnA.reason, "replica A kept the newest console");
        opened.pve().close("test over");
        assertEquals(0, replicaA.openCount());
    }

    @Test
    void aReplicaThatMissedAnOpeningWhileNotListeningCatchesUpWhenItListensAgain() throws Exception {
        long id = runningVm(7301);
        CountDownLatch mayConnect = new CountDownLatch(1);
        OpenConsoleUseCase replicaA = replicaA(() -> {
            try {
                if (!mayConnect.await(60, TimeUnit.SECONDS)) {
                    throw new SQLException("the test never let replica A connect");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException(e);
            }
            return listenerConnection();
        });
        Viewer onA = new Viewer();
        replicaA.open(new OpenConsole(id, token(root, id), "198.51.100.7"), onA);
        long sessionA = newestOpenedSession(id);

        ConsoleTest.Client onB = ConsoleTest.Client.open(id, token(root, id));
        assertEquals("RFB 003.008\n", onB.binaryText());
        Conditions.await(() -> replicaB.openCount() == 1, "replica B registered its console");
        assertNull(onA.reason, "replica A is not listening: it missed the announcement");
        assertEquals(1, replicaA.openCount());

        mayConnect.countDown();
        Conditions.await(() -> onA.reason != null, "replica A catches up once it listens");
        assertEquals("replaced by a newer console", onA.reason);
        assertEquals(0, replicaA.openCount());
        Conditions.await(() -> rows.value("SELECT closed_at FROM vm_console_session WHERE id = ?", sessionA) != null,
                "replica A's session ends");
        assertEquals(1, replicaB.openCount(), "replica B's console stays");
        onB.ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").join();
        Conditions.await(() -> replicaB.openCount() == 0, "replica B's console closed");
    }

    private static String token(String root, long hostId) {
        String url = Api.admin(root).queryParam("hostId", hostId).get("/admin/pve/getVnc").then()
                .body("code", equalTo(20000)).extract().jsonPath().getString("data.records[0].rep");
        return url.substring(url.indexOf("token=") + 6);
    }

    /** A viewer that takes every frame at once and remembers why it was closed. */
    static final class Viewer implements ConsoleEnd {
        volatile String reason;

        @Override
        public CompletionStage<Void> send(ByteBuffer data) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized void close(String reason) {
            if (this.reason == null) {
                this.reason = reason;
            }
        }
    }
}
