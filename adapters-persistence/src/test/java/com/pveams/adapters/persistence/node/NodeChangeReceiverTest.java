package com.pveams.adapters.persistence.node;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.application.port.out.node.NodeChangeFeed.Listener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The V31 triggers and the listener together, on a real PostgreSQL, as another replica's writes reach this one:
 * which node writes are announced, with which payload, only at commit, and that a lost connection is reported so
 * the cache can drop everything. Waits are bounded polls with a generous limit; a correct run never waits for them.
 */
class NodeChangeReceiverTest {
    private static final long WAIT_SECONDS = 30;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static EmbeddedPostgres pg;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private PostgresListener receiver;

    @BeforeAll
    static void startAndMigrate() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void listen() throws Exception {
        receiver = new PostgresListener(NodeChangeReceiverTest::openListenerConnection,
                new PostgresListener.Timing(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(500)),
                "node-receiver-test");
        receiver.listen(NodeChangeReceiver.CHANNEL, new NodeChangeReceiver(new Recorder()));
        expect("connected");
    }

    @AfterEach
    void stopListening() {
        receiver.stop();
    }

    private static Connection openListenerConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "postgres");
        props.setProperty("ApplicationName", "node-receiver-test");
        return DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), props);
    }

    private void expect(String event) throws InterruptedException {
        assertEquals(event, events.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static long newNode() throws SQLException {
        String name = "n" + SEQ.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO node (name, host, api_port, pve_node_name, auth_mode, username,"
                     + " api_secret_enc, tls_trust_mode) VALUES ('" + name + "', '10.0.0." + SEQ.get() + "', 8006, 'pve',"
                     + " 'PASSWORD', 'root', decode(repeat('00', 28), 'hex'), 'CA') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void passwordStateAndPinChangesAndDeletionsAreAnnouncedButNotInsertsOrNoOps() throws Exception {
        long id = newNode();
        sql("UPDATE node SET status = status WHERE id = " + id, // a monitor round confirming the state
                "UPDATE node SET api_secret_enc = decode(repeat('01', 28), 'hex') WHERE id = " + id);
        expect(String.valueOf(id)); // the insert and the no-op said nothing before it
        sql("UPDATE node SET status = 1 WHERE id = " + id);
        expect(String.valueOf(id));
        sql("UPDATE node SET tls_trust_mode = 'PINNED', tls_fingerprint = '" + "AB:".repeat(31) + "AB' WHERE id = " + id);
        expect(String.valueOf(id));
        sql("DELETE FROM node WHERE id = " + id);
        expect(String.valueOf(id));
        assertTrue(events.isEmpty(), String.valueOf(events));
    }

    @Test
    void aWriteIsAnnouncedOnlyWhenItsTransactionCommits() throws Exception {
        long rolledBack = newNode();
        long committed = newNode();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE node SET status = 2 WHERE id = " + rolledBack);
            c.rollback();
            s.execute("UPDATE node SET status = 2 WHERE id = " + committed);
            c.commit();
        }
        expect(String.valueOf(committed));
    }

    @Test
    void aKilledConnectionIsReportedAndReplaced() throws Exception {
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'node-receiver-test'");
        expect("disconnected");
        expect("connected");
        long id = newNode();
        sql("UPDATE node SET status = 1 WHERE id = " + id);
        expect(String.valueOf(id));
    }

    @Test
    void emptyingTheTableAndUnreadablePayloadsSayEverythingChanged() throws Exception {
        sql("SELECT pg_notify('" + NodeChangeReceiver.CHANNEL + "', 'node:x')",
                "SELECT pg_notify('" + NodeChangeReceiver.CHANNEL + "', '99999999999999999999')");
        expect("*");
        expect("*");
        sql("TRUNCATE node CASCADE");
        expect("*");
    }

    private final class Recorder implements Listener {
        @Override
        public void nodeChanged(long nodeId) {
            events.add(String.valueOf(nodeId));
        }

        @Override
        public void everythingChanged() {
            events.add("*");
        }

        @Override
        public void connected() {
            events.add("connected");
        }

        @Override
        public void disconnected() {
            events.add("disconnected");
        }
    }
}
