package com.pveams.adapters.persistence.access;

import com.pveams.application.port.out.CredentialChangeFeed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Credential changes from every replica, through PostgreSQL LISTEN/NOTIFY (the V6 triggers announce them at
 * commit; {@link CredentialChangeReceiver} listens). Changes this replica makes are also announced to its own
 * listeners right after their commit, before the caller gets its answer, so the next call here never depends on
 * how fast the notification comes back.
 */
@ApplicationScoped
public class PostgresCredentialChangeFeed implements CredentialChangeFeed {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final TransactionSynchronizationRegistry transactions;
    private final CredentialChangeReceiver receiver;
    private boolean connected; // guarded by this: a subscriber must not miss the connected/disconnected edge

    @Inject
    public PostgresCredentialChangeFeed(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                                        TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.receiver = new CredentialChangeReceiver(() -> open(url, username, password), new FanOut(),
                CredentialChangeReceiver.Timing.DEFAULT);
    }

    void start(@Observes StartupEvent event) {
        receiver.start();
    }

    void stop(@Observes ShutdownEvent event) {
        receiver.stop();
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

    private static Connection open(String url, Optional<String> username, Optional<String> password) throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "ams-credential-listener");
        props.setProperty("connectTimeout", "10");
        // A read that hangs this long means a dead peer; the periodic SELECT 1 turns that into a reconnect.
        props.setProperty("socketTimeout", "30");
        props.setProperty("tcpKeepAlive", "true");
        Connection c = new Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: the credential change listener needs PostgreSQL");
        }
        return c;
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
