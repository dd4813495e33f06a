package com.pveams.adapters.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One listener connection serving several channels, on a real PostgreSQL: each channel's notifications reach its
 * own handler, a killed connection is replaced, and the window in which nobody listened is announced as a resync.
 * Waits are bounded polls on the events; a correct run never waits for their limit.
 */
class PostgresListenerTest {
    private static final long WAIT_SECONDS = 30;
    private static final Duration FAST = Duration.ofMillis(100);
    private static EmbeddedPostgres pg;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private PostgresListener listener;

    @BeforeAll
    static void startDatabase() throws Exception {
        pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(120)).start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void stopListening() {
        if (listener != null) {
            listener.stop();
        }
    }

    private static Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "postgres");
        props.setProperty("ApplicationName", "listener-test");
        return DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), props);
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private void expect(String event) throws InterruptedException {
        assertEquals(event, events.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /** Records what the channel's handler hears as "channel:event". */
    private PostgresListener.Channel recorder(String channel) {
        return new PostgresListener.Channel() {
            @Override
            public void notified(String payload) {
                events.add(channel + ":" + payload);
            }

            @Override
            public void resync() {
                events.add(channel + ":resync");
            }

            @Override
            public void disconnected() {
                events.add(channel + ":disconnected");
            }
        };
    }

    private PostgresListener start(PostgresListener.ConnectionOpener opener) throws InterruptedException {
        listener = new PostgresListener(opener, new PostgresListener.Timing(FAST, Duration.ofMillis(500), FAST), "test");
        listener.listen("chan_a", recorder("a"));
        expect("a:resync");
        listener.listen("chan_b", recorder("b"));
        expect("b:resync"); // added to the live connection
        return listener;
    }

    @Test
    void eachChannelsNotificationsReachItsOwnHandlerOverOneConnection() throws Exception {
        start(PostgresListenerTest::open);
        sql("SELECT pg_notify('chan_b', 'one')", "SELECT pg_notify('chan_a', 'two')", "NOTIFY chan_b");
        expect("b:one");
        expect("a:two");
        expect("b:");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'listener-test'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "both channels share one connection");
        }
        assertTrue(events.isEmpty());
    }

    @Test
    void aKilledConnectionIsReplacedAndTheMissedWindowIsAResync() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch reconnect = new CountDownLatch(1);
        start(() -> {
            if (opened.getAndIncrement() > 0) {
                try { // hold the reconnection until the test has sent a notification nobody hears
                    reconnect.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return open();
        });

        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'listener-test'");
        String first = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        String second = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(java.util.Set.of("a:disconnected", "b:disconnected"), java.util.Set.of(first, second));

        sql("SELECT pg_notify('chan_a', 'lost')"); // nobody listens now
        reconnect.countDown();
        String r1 = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        String r2 = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(java.util.Set.of("a:resync", "b:resync"), java.util.Set.of(r1, r2), "the handlers recover");

        sql("SELECT pg_notify('chan_a', 'later')");
        expect("a:later");
        assertTrue(events.isEmpty(), "the lost notification never arrives: " + events);
        assertEquals(2, opened.get());
    }

    @Test
    void aFailingHandlerDoesNotCostTheOthersTheirNotifications() throws Exception {
        listener = new PostgresListener(PostgresListenerTest::open,
                new PostgresListener.Timing(FAST, Duration.ofMillis(500), FAST), "test");
        listener.listen("chan_bad", new PostgresListener.Channel() {
            @Override
            public void notified(String payload) {
                throw new IllegalStateException("broken handler");
            }

            @Override
            public void resync() {
                events.add("bad:resync");
            }
        });
        expect("bad:resync");
        listener.listen("chan_a", recorder("a"));
        expect("a:resync");
        sql("SELECT pg_notify('chan_bad', 'x')", "SELECT pg_notify('chan_a', 'after')");
        expect("a:after");
        assertTrue(events.isEmpty(), "no reconnect: " + events);
    }

    @Test
    void channelNamesArePlainAndTakenOnce() {
        listener = new PostgresListener(PostgresListenerTest::open,
                new PostgresListener.Timing(FAST, Duration.ofMillis(500), FAST), "test");
        assertThrows(IllegalArgumentException.class, () -> listener.listen("x; DROP TABLE y", recorder("x")));
        assertThrows(IllegalArgumentException.class, () -> listener.listen("Upper", recorder("x")));
        listener.listen("chan_once", recorder("once"));
        assertThrows(IllegalStateException.class, () -> listener.listen("chan_once", recorder("again")));
    }
}
