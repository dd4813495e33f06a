package com.pveams.adapters.persistence;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One dedicated connection (outside the pool) in {@code LISTEN} on several channels, each with its handler, kept
 * for the life of the service by one daemon thread: a {@code SELECT 1} probe notices a dead peer, and reconnection
 * backs off up to a cap. Notifications sent while nobody listens are lost, so after every (re)connect, and when a
 * channel is added to a live connection, the channel's handler hears {@link Channel#resync()} once its
 * {@code LISTEN} is in place and must recover from what it may have missed (drop a cache, wake a dispatcher).
 */
public final class PostgresListener {
    private static final Logger LOG = Logger.getLogger(PostgresListener.class);
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** Opens a new physical connection. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** What one channel's owner does with it. Called on the listener's thread; must not block for long. */
    public interface Channel {
        /** A notification on the channel, with its payload (empty string when sent without one). */
        void notified(String payload);

        /** The channel is listened on (again): notifications since it last was may have been missed. */
        void resync();

        /** The connection is gone: nothing is heard on the channel until the next {@link #resync()}. */
        default void disconnected() {
        }
    }

    /**
     * @param poll       longest wait for notifications before the loop looks at its stop flag and new channels
     * @param checkEvery how often an idle connection is probed ({@code SELECT 1}), so a dead peer is noticed
     * @param maxBackoff longest pause between reconnection attempts
     */
    public record Timing(Duration poll, Duration checkEvery, Duration maxBackoff) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private final ConnectionOpener opener;
    private final Timing timing;
    private final String name;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    /** @param name names the thread and the log lines */
    public PostgresListener(ConnectionOpener opener, Timing timing, String name) {
        this.opener = opener;
        this.timing = timing;
        this.name = name;
    }

    /** Adds a channel and starts the listener if it is not running yet; one handler per channel. */
    public void listen(String channel, Channel handler) {
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        if (channels.putIfAbsent(channel, handler) != null) {
            throw new IllegalStateException("channel " + channel + " already has a handler");
        }
        start();
    }

    private synchronized void start() {
        if (thread != null || stopping()) {
            return;
        }
        thread = new Thread(this::run, name);
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
        Duration backoff = FIRST_BACKOFF;
        while (!stopping()) {
            Set<String> listening = new HashSet<>();
            try (Connection connection = opener.open()) {
                backoff = FIRST_BACKOFF;
                receive(connection, listening);
            } catch (SQLException | RuntimeException e) {
                if (!stopping()) {
                    LOG.warnf("%s lost its database connection (%s); reconnecting", name, e.getMessage());
                }
            } finally {
                for (String channel : listening) {
                    call(channel, Channel::disconnected);
                }
            }
            try {
                if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff() : backoff.multipliedBy(2);
        }
    }

    private void receive(Connection connection, Set<String> listening) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        int pollMillis = (int) timing.poll().toMillis();
        long lastCheck = System.nanoTime();
        while (!stopping()) {
            for (String channel : channels.keySet()) {
                if (!listening.contains(channel)) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("LISTEN " + channel); // a checked plain name: nothing to quote
                    }
                    listening.add(channel);
                    call(channel, Channel::resync);
                }
            }
            PGNotification[] notifications = pg.getNotifications(pollMillis);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    String payload = n.getParameter();
                    call(n.getName(), c -> c.notified(payload));
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

    /** A failing handler is logged and does not cost the other channels their connection. */
    private void call(String channel, java.util.function.Consumer<Channel> action) {
        Channel handler = channels.get(channel);
        if (handler == null) {
            return;
        }
        try {
            action.accept(handler);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: the handler of channel %s failed", name, channel);
        }
    }
}
