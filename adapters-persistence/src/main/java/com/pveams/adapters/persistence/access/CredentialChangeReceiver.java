package com.pveams.adapters.persistence.access;

import com.pveams.application.port.out.CredentialChangeFeed.Listener;
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
 * Holds one dedicated connection that LISTENs on the channel the V6 triggers announce credential changes on, and
 * turns each notification into a call on a {@link Listener}. The connection is outside the pool: it stays in
 * LISTEN for the life of the service. When it breaks (or a periodic check finds it dead) the listener hears
 * {@code disconnected}, and after reconnecting {@code connected}, since notifications sent in between are lost.
 */
public final class CredentialChangeReceiver {
    public static final String CHANNEL = "ams_credential_change";
    private static final Logger LOG = Logger.getLogger(CredentialChangeReceiver.class);

    /** Opens a new physical connection. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /**
     * @param poll      longest wait for notifications before the loop looks at its stop flag again
     * @param checkEvery how often an idle connection is probed ({@code SELECT 1}), so a dead peer is noticed
     * @param maxBackoff longest pause between reconnection attempts
     */
    public record Timing(Duration poll, Duration checkEvery, Duration maxBackoff) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private final ConnectionOpener opener;
    private final Listener listener;
    private final Timing timing;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    public CredentialChangeReceiver(ConnectionOpener opener, Listener listener, Timing timing) {
        this.opener = opener;
        this.listener = listener;
        this.timing = timing;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "ams-credential-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop and waits (boundedly) for it to close its connection. */
    public void stop() {
        stopped.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(timing.poll().multipliedBy(4).toMillis() + 1000);
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
            boolean wasConnected = false;
            try (Connection connection = opener.open()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                wasConnected = true;
                backoff = Duration.ofMillis(100);
                listener.connected();
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!stopping()) {
                    LOG.warnf("Credential change listener lost its database connection (%s); cached credentials are "
                            + "bypassed until it reconnects", e.getMessage());
                }
            } finally {
                listener.disconnected();
            }
            if (!wasConnected) {
                backoff = backoff.multipliedBy(2).compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff() : backoff.multipliedBy(2);
            }
            try {
                stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        int pollMillis = (int) timing.poll().toMillis();
        long lastCheck = System.nanoTime();
        while (!stopping()) {
            PGNotification[] notifications = pg.getNotifications(pollMillis);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    dispatch(n.getParameter());
                }
            }
            if (System.nanoTime() - lastCheck >= timing.checkEvery().toNanos()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    /** Payloads as V6__auth_change_notify.sql writes them; anything else is treated as "everything changed". */
    void dispatch(String payload) {
        if (payload != null && payload.startsWith("api_key:")) {
            listener.apiKeyChanged(payload.substring("api_key:".length()));
            return;
        }
        if (payload != null && payload.startsWith("admin:")) {
            try {
                listener.adminChanged(Long.parseLong(payload.substring("admin:".length())));
                return;
            } catch (NumberFormatException ignored) {
                // fall through: unreadable, so assume the worst
            }
        }
        listener.everythingChanged();
    }
}
