package com.pveams.adapters.persistence.access;

import com.pveams.adapters.persistence.PostgresListener;
import com.pveams.application.port.out.CredentialChangeFeed.Listener;
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
 * The V6 triggers and the listener together, on a real PostgreSQL: which changes are announced, with which
 * payload, only at commit, and what the listener reports when its connection is killed. Waits are bounded polls
 * with a generous limit; a correct run never waits for them.
 */
class CredentialChangeReceiverTest {
    private static final long WAIT_SECONDS = 30;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static EmbeddedPostgres pg;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private PostgresListener receiver;

    @BeforeAll
    static void startAndMigrate() throws Exception {
        pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(120)).start();
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
        receiver = new PostgresListener(CredentialChangeReceiverTest::openListenerConnection,
                new PostgresListener.Timing(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(500)),
                "receiver-test");
        receiver.listen(CredentialChangeReceiver.CHANNEL, new CredentialChangeReceiver(new Recorder()));
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
        props.setProperty("ApplicationName", "receiver-test");
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

    private static String newKey() throws SQLException {
        String appId = "app-" + SEQ.incrementAndGet();
        sql("INSERT INTO api_key (app_id, key_hash, key_hint, info) VALUES ('" + appId + "', '" + "a".repeat(64) + "', 'abcd', 'x')");
        return appId;
    }

    private static long newAdmin() throws SQLException {
        String name = "adm" + SEQ.incrementAndGet();
        sql("INSERT INTO admin_account (username, password_hash) VALUES ('" + name + "', 'h1')");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM admin_account WHERE username = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void disablingOrDeletingAKeyIsAnnouncedButNotItsNoteOrANewKey() throws Exception {
        String appId = newKey();
        sql("UPDATE api_key SET info = 'changed note' WHERE app_id = '" + appId + "'",
                "UPDATE api_key SET enabled = false WHERE app_id = '" + appId + "'");
        expect("api_key:" + appId); // the insert and the note change said nothing before it
        sql("DELETE FROM api_key WHERE app_id = '" + appId + "'");
        expect("api_key:" + appId);
    }

    @Test
    void rewritingAKeysEncryptedCopyIsNotAnnounced() throws Exception {
        String appId = newKey();
        // key_enc (V15) is what the admin list shows, not what authentication reads: a key rotation rewriting it
        // must not empty every replica's cache
        sql("UPDATE api_key SET key_enc = decode(repeat('ab', 40), 'hex') WHERE app_id = '" + appId + "'",
                "UPDATE api_key SET key_enc = decode(repeat('cd', 40), 'hex') WHERE app_id = '" + appId + "'",
                "UPDATE api_key SET enabled = false WHERE app_id = '" + appId + "'");
        expect("api_key:" + appId); // the disabling, with nothing announced before it
    }

    @Test
    void passwordChangesAndDeletionsOfAdminsAreAnnouncedButNotLogins() throws Exception {
        long id = newAdmin();
        sql("UPDATE admin_account SET last_login_at = now(), name = 'n' WHERE id = " + id,
                "UPDATE admin_account SET password_hash = 'h2', credential_version = credential_version + 1 WHERE id = " + id);
        expect("admin:" + id);
        sql("UPDATE admin_account SET username = 'renamed" + id + "' WHERE id = " + id);
        expect("admin:" + id);
        sql("DELETE FROM admin_account WHERE id = " + id);
        expect("admin:" + id);
    }

    @Test
    void aChangeIsAnnouncedOnlyWhenItsTransactionCommits() throws Exception {
        String rolledBack = newKey();
        String committed = newKey();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE api_key SET enabled = false WHERE app_id = '" + rolledBack + "'");
            c.rollback();
            s.execute("UPDATE api_key SET enabled = false WHERE app_id = '" + committed + "'");
            c.commit();
        }
        expect("api_key:" + committed);
    }

    @Test
    void emptyingATableSaysEverythingChanged() throws Exception {
        newKey();
        sql("TRUNCATE api_key");
        expect("*");
    }

    @Test
    void aKilledConnectionIsReportedAndReplaced() throws Exception {
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'receiver-test'");
        expect("disconnected");
        expect("connected");
        String appId = newKey();
        sql("UPDATE api_key SET enabled = false WHERE app_id = '" + appId + "'");
        expect("api_key:" + appId);
    }

    @Test
    void stoppingClosesTheConnection() throws Exception {
        receiver.stop();
        expect("disconnected");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        int open;
        do {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'receiver-test'")) {
                rs.next();
                open = rs.getInt(1);
            }
        } while (open > 0 && System.nanoTime() < deadline);
        assertEquals(0, open);
    }

    @Test
    void unreadablePayloadsAreTreatedAsEverythingChanged() throws Exception {
        sql("SELECT pg_notify('" + CredentialChangeReceiver.CHANNEL + "', 'admin:not-a-number')",
                "SELECT pg_notify('" + CredentialChangeReceiver.CHANNEL + "', 'something else')");
        expect("*");
        expect("*");
        assertTrue(events.isEmpty());
    }

    private final class Recorder implements Listener {
        @Override
        public void apiKeyChanged(String appId) {
            events.add("api_key:" + appId);
        }

        @Override
        public void adminChanged(long adminId) {
            events.add("admin:" + adminId);
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
