package com.pveams.adapters.persistence.access;

import com.pveams.adapters.persistence.PostgresListeners;
import com.pveams.application.port.out.CredentialChangeFeed;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Credential changes from every replica, through PostgreSQL LISTEN/NOTIFY (the V6 triggers announce them at
 * commit; {@link CredentialChangeReceiver} hears them on the process's listener connection,
 * {@link PostgresListeners}). Changes this replica makes are also announced to its own listeners right after their
 * commit, before the caller gets its answer, so the next call here never depends on how fast the notification
 * comes back.
 */
@ApplicationScoped
public class PostgresCredentialChangeFeed implements CredentialChangeFeed {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final TransactionSynchronizationRegistry transactions;
    private final PostgresListeners connection;
    private boolean connected; // guarded by this: a subscriber must not miss the connected/disconnected edge

    @Inject
    public PostgresCredentialChangeFeed(PostgresListeners connection, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.connection = connection;
    }

    void start(@Observes StartupEvent event) {
        connection.listen(CredentialChangeReceiver.CHANNEL, new CredentialChangeReceiver(new FanOut()));
    }

    @Override
    public synchronized void subscribe(Listener listener) {
        listeners.add(listener);
        if (connected) {
            listener.connected();
        }
    }

    /** Tells this replica's listeners once the current transaction has completed (at once without one). */
    void announceAfterCommit(Consumer<Listener> change) {
        if (transactions.getTransactionKey() == null) {
            listeners.forEach(change);
            return;
        }
        // On rollback too: a needless invalidation costs one read, a missed one a stale credential.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                listeners.forEach(change);
            }
        });
    }

    private final class FanOut implements Listener {
        @Override
        public void apiKeyChanged(String appId) {
            listeners.forEach(l -> l.apiKeyChanged(appId));
        }

        @Override
        public void adminChanged(long adminId) {
            listeners.forEach(l -> l.adminChanged(adminId));
        }

        @Override
        public void everythingChanged() {
            listeners.forEach(Listener::everythingChanged);
        }

        @Override
        public void connected() {
            synchronized (PostgresCredentialChangeFeed.this) {
                connected = true;
                listeners.forEach(Listener::connected);
            }
        }

        @Override
        public void disconnected() {
            synchronized (PostgresCredentialChangeFeed.this) {
                connected = false;
                listeners.forEach(Listener::disconnected);
            }
        }
    }
}
