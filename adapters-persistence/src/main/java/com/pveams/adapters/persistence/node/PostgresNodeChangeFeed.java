package com.pveams.adapters.persistence.node;

import com.pveams.adapters.persistence.PostgresListeners;
import com.pveams.application.port.out.node.NodeChangeFeed;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Node writes from every replica, through PostgreSQL LISTEN/NOTIFY (the V31 triggers announce them at commit;
 * {@link NodeChangeReceiver} hears them on the process's listener connection, {@link PostgresListeners}). Writes
 * this replica makes are also announced to its own listeners right after their commit, before the caller gets its
 * answer, so the next call here never depends on how fast the notification comes back.
 */
@ApplicationScoped
public class PostgresNodeChangeFeed implements NodeChangeFeed {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final TransactionSynchronizationRegistry transactions;
    private final PostgresListeners connection;
    private boolean connected; // guarded by this: a subscriber must not miss the connected/disconnected edge

    @Inject
    public PostgresNodeChangeFeed(PostgresListeners connection, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.connection = connection;
    }

    void start(@Observes StartupEvent event) {
        connection.listen(NodeChangeReceiver.CHANNEL, new NodeChangeReceiver(new FanOut()));
    }

    @Override
    public synchronized void subscribe(Listener listener) {
        listeners.add(listener);
        if (connected) {
            listener.connected();
        }
    }

    /** Tells this replica's listeners once the current transaction has completed (at once without one). */
    public void announceAfterCommit(long nodeId) {
        if (transactions.getTransactionKey() == null) {
            listeners.forEach(l -> l.nodeChanged(nodeId));
            return;
        }
        // On rollback too: a needless invalidation costs one read, a missed one a stale password or pin.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                listeners.forEach(l -> l.nodeChanged(nodeId));
            }
        });
    }

    private final class FanOut implements Listener {
        @Override
        public void nodeChanged(long nodeId) {
            listeners.forEach(l -> l.nodeChanged(nodeId));
        }

        @Override
        public void everythingChanged() {
            listeners.forEach(Listener::everythingChanged);
        }

        @Override
        public void connected() {
            synchronized (PostgresNodeChangeFeed.this) {
                connected = true;
                listeners.forEach(Listener::connected);
            }
        }

        @Override
        public void disconnected() {
            synchronized (PostgresNodeChangeFeed.this) {
                connected = false;
                listeners.forEach(Listener::disconnected);
            }
        }
    }
}
