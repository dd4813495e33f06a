package com.pveams.bootstrap.e2e;

import com.pveams.adapters.pve.sim.PveSimulator;
import com.pveams.application.port.in.console.OpenConsoleUseCase;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.Conditions;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.bootstrap.support.SimulatedPve;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An idle console, and an active one whose lifetime ({@code vncTime} from its opening) is over, are closed: the
 * service's clock is moved by hand (no waiting), and the check (its timer set far apart here, so the test runs it)
 * closes the console, both sides and the session row.
 */
@QuarkusTest
@TestProfile(ConsoleIdleTest.MovedClock.class)
@WithTestResource(EmbeddedPostgresResource.class)
class ConsoleIdleTest {
    private static final String NODE = "idle1";
    @RegisterExtension
    static final SimulatedPve pve = new SimulatedPve(PveSimulator.builder().nodes(NODE).clusterName("idle"));
    static PveSimulator sim;

    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    OpenConsoleUseCase consoles;
    @Inject
    MovableClock clock;

    public static class MovedClock implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ams.console.idle-timeout", "15m", "ams.console.idle-check-every", "1h");
        }
    }

    /** The service's clock in this test: real time plus whatever the test added. */
    @Alternative
    @Singleton
    public static class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @BeforeAll
    static void start() {
        sim = pve.sim();
    }

    static long nodeId;
    static final AtomicInteger NEXT_VMID = new AtomicInteger(7100);

    String root;
    InventoryRows rows;

    @BeforeEach
    void setUp() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
        rows = new InventoryRows(db);
        if (nodeId == 0) {
            nodeId = pve.node(NODE);
            rows.execute("UPDATE vnc_controller SET status = 1");
            Api.admin(root).body(Map.of("name", "idle", "host", "127.0.0.1", "port", RestAssured.port,
                    "protocol", 0)).post("/admin/addVncNode").then().body("code", equalTo(20000));
        }
    }

    /** A running VM's console, opened through the proxy and registered; its VM id in {@code id[0]}. */
    private ConsoleTest.Client openConsole(long[] id) throws Exception {
        int vmid = NEXT_VMID.getAndIncrement();
        id[0] = rows.vm(nodeId, vmid, InventoryRows.unique("idle"), cipher.encrypt("Gu3st-Pass"), "{}", 0);
        sim.addVm(NODE, vmid, "idle", 512, 1, true);
        String url = Api.admin(root).queryParam("hostId", id[0]).get("/admin/pve/getVnc").then()
                .body("code", equalTo(20000)).extract().jsonPath().getString("data.records[0].idle");
        ConsoleTest.Client c = ConsoleTest.Client.open(id[0], url.substring(url.indexOf("token=") + 6));
        assertEquals("RFB 003.008\n", c.binaryText());
        // the relay registers the console once both sides are connected, which may come after the greeting
        Conditions.await(() -> consoles.openCount() == 1, "the console is registered");
        return c;
    }

    @Test
    void anIdleConsoleIsClosedOnBothSides() throws Exception {
        long[] vm = new long[1];
        ConsoleTest.Client c = openConsole(vm);
        long id = vm[0];

        clock.advance(Duration.ofMinutes(14));
        assertEquals(0, consoles.closeEnded(), "not idle before the timeout");
        assertEquals(1, consoles.openCount());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, consoles.closeEnded());
        assertEquals("1000 idle", c.closed());
        assertEquals(0, consoles.openCount());
        Conditions.await(() -> rows.value("SELECT closed_at FROM vm_console_session WHERE vm_id = ? AND status = 1",
                id) != null, "the session's end is written");
    }

    @Test
    void anActiveConsoleIsClosedOnBothSidesWhenItsLifetimeIsOver() throws Exception {
        Api.admin(root).body(Map.of("id", 1, "vncTime", 20)).put("/admin/updateConfig").then()
                .body("code", equalTo(20000));
        try {
            long[] vm = new long[1];
            ConsoleTest.Client c = openConsole(vm);
            long id = vm[0];
            int pveOpen = sim.vncOpen();

            clock.advance(Duration.ofMinutes(10));
            c.send("RFB 003.008\n");
            assertEquals(2, c.binary().remaining(), "the security types: the console is in use");
            assertEquals(0, consoles.closeEnded(), "active and within its lifetime");
            clock.advance(Duration.ofMinutes(9));
            c.send("\u0001");
            assertEquals(0, c.binary().getInt(), "authenticated");
            assertEquals(0, consoles.closeEnded(), "a minute left");
            assertEquals(1, consoles.openCount());

            clock.advance(Duration.ofMinutes(1)); // idle for a minute only: the lifetime closes it
            assertEquals(1, consoles.closeEnded());
            assertEquals("1000 console lifetime over", c.closed());
            assertEquals(0, consoles.openCount(), "the gauge's count");
            Conditions.await(() -> sim.vncOpen() == pveOpen - 1, "PVE's side is closed");
            assertTrue(sim.vncCloseReasons().contains("1000 console lifetime over"), "with the reason: "
                    + sim.vncCloseReasons());
            Conditions.await(() -> rows.value("SELECT closed_at FROM vm_console_session WHERE vm_id = ? AND status = 1"
                    + " AND closed_at >= opened_at + interval '20 minutes'", id) != null, "the session's end is written");
            Conditions.await(() -> rows.count("SELECT count(*) FROM audit_log WHERE method = 'WS' AND detail LIKE "
                    + "'console closed (console lifetime over): hostId=" + id + ",%' AND duration_ms >= 1200000") == 1,
                    "the close is audited with its reason");
        } finally {
            Api.admin(root).body(Map.of("id", 1, "vncTime", 120)).put("/admin/updateConfig").then()
                    .body("code", equalTo(20000));
        }
    }
}
