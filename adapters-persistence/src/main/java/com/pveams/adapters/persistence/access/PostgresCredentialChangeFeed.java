package com.pveams.adapters.persistence.access;

import com.pveams.adapters.persistence.ChangeFeedListeners;
import com.pveams.adapters.persistence.PostgresListeners;
import com.pveams.application.port.out.CredentialChangeFeed;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.Consumer;

/**
 * Credential changes from every replica, through PostgreSQL LISTEN/NOTIFY (the V6 triggers announce them at
 * commit; {@link CredentialChangeReceiver} hears them on the process's listener connection,
 * {@link PostgresListeners}), and this replica's own right after their commit ({@link ChangeFeedListeners}).
 */
@ApplicationScoped
public class PostgresCredentialChangeFeed implements CredentialChangeFeed {
    private final ChangeFeedListeners<Listener> listeners;
    private final PostgresListeners connection;

    @Inject
    public PostgresCredentialChangeFeed(PostgresListeners connection, TransactionSynchronizationRegistry transactions) {
        this.listeners = new ChangeFeedListeners<>(transactions, Listener::connected, Listener::disconnected);
        this.connection = connection;
    }

    void start(@Observes StartupEvent event) {
        connection.listen(CredentialChangeReceiver.CHANNEL, new CredentialChangeReceiver(new FanOut()));
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.subscribe(listener);
    }

    /** Tells this replica's listeners once the current transaction has completed (at once without one). */
    void announceAfterCommit(Consumer<Listener> change) {
        listeners.afterCommit(change);
    }

    private final class FanOut implements Listener {
        @Override
        public void apiKeyChanged(String appId) {
            listeners.all(l -> l.apiKeyChanged(appId));
        }

        @Override
        public void adminChanged(long adminId) {
            listeners.all(l -> l.adminChanged(adminId));
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
