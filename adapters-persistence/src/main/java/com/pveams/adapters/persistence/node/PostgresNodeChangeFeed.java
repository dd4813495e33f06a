package com.pveams.adapters.persistence.node;

import com.pveams.adapters.persistence.ChangeFeedListeners;
import com.pveams.adapters.persistence.PostgresListeners;
import com.pveams.application.port.out.node.NodeChangeFeed;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Node writes from every replica, through PostgreSQL LISTEN/NOTIFY (the V31 triggers announce them at commit;
 * {@link NodeChangeReceiver} hears them on the process's listener connection, {@link PostgresListeners}), and this
 * replica's own right after their commit ({@link ChangeFeedListeners}).
 */
@ApplicationScoped
public class PostgresNodeChangeFeed implements NodeChangeFeed {
    private final ChangeFeedListeners<Listener> listeners;
    private final PostgresListeners connection;

    @Inject
    public PostgresNodeChangeFeed(PostgresListeners connection, TransactionSynchronizationRegistry transactions) {
        this.listeners = new ChangeFeedListeners<>(transactions, Listener::connected, Listener::disconnected);
        this.connection = connection;
    }

    void start(@Observes StartupEvent event) {
        connection.listen(NodeChangeReceiver.CHANNEL, new NodeChangeReceiver(new FanOut()));
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.subscribe(listener);
    }

    /** Tells this replica's listeners once the current transaction has completed (at once without one). */
    public void announceAfterCommit(long nodeId) {
        listeners.afterCommit(l -> l.nodeChanged(nodeId));
    }

    private final class FanOut implements Listener {
        @Override
        public void nodeChanged(long nodeId) {
            listeners.all(l -> l.nodeChanged(nodeId));
        }

        @Override
        public void everythingChanged() {
            listeners.all(Listener::everythingChanged);
        }

        @Override
        public void connected() {
            listeners.connected();
        }

        @Override
        public void disconnected() {
            listeners.disconnected();
        }
    }
}
