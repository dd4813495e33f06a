package com.pveams.adapters.persistence.operation;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds one dedicated connection (outside the pool) in {@code LISTEN ams_operation_step} and calls {@code wake}
 * for each batch of notifications, and after every (re)connect, since notifications sent while disconnected are
 * lost. The approach of the credential change listener: a daemon thread, a {@code SELECT 1} probe so a dead peer
 * is noticed, reconnection with capped backoff.
 */
public final class StepSignalReceiver {
    private static final Logger LOG = Logger.getLogger(StepSignalReceiver.class);

    /** Opens a new physical connection. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final ConnectionOpener opener;
    private final Runnable wake;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    public StepSignalReceiver(ConnectionOpener opener, Runnable wake) {
        this.opener = opener;
        this.wake = wake;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "ams-op-listener");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        stopped.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(POLL.multipliedBy(4).toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean stopping() {
        return stopped.getCount() == 0;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (!stopping()) {
            try (Connection connection = opener.open()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + OperationPersistenceAdapter.CHANNEL);
                }
                backoff = Duration.ofMillis(100);
                signal(); // whatever was announced while nobody listened
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!stopping()) {
                    LOG.warnf("Operation step listener lost its database connection (%s); steps started elsewhere are"
                            + " found by the safety poll until it reconnects", e.getMessage());
                }
            }
            try {
                if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastProbe = System.nanoTime();
        while (!stopping()) {
            PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
            if (notifications != null && notifications.length > 0) {
                signal(); // one wake per batch: a signal carries no data
            }
            if (System.nanoTime() - lastProbe >= PROBE_EVERY.toNanos()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastProbe = System.nanoTime();
            }
        }
    }

    private void signal() {
        try {
            wake.run();
        } catch (RuntimeException e) {
            LOG.warn("Waking the operation engine failed", e);
        }
    }
}
