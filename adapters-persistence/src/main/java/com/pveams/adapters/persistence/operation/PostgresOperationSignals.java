package com.pveams.adapters.persistence.operation;

import com.pveams.application.port.out.operation.OperationSignals;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link OperationSignals} over PostgreSQL LISTEN/NOTIFY: the store NOTIFYs in every transaction that makes a step
 * due now, so every replica (this one included) hears it at commit. The listener connection opens with the
 * first subscriber, so a process that runs no engine holds none.
 */
@ApplicationScoped
public class PostgresOperationSignals implements OperationSignals, AutoCloseable {
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final StepSignalReceiver receiver;

    @Inject
    public PostgresOperationSignals(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                                    @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                                    @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this(() -> open(url, username, password));
    }

    public PostgresOperationSignals(StepSignalReceiver.ConnectionOpener opener) {
        this.receiver = new StepSignalReceiver(opener, () -> subscribers.forEach(Runnable::run));
    }

    @Override
    public void subscribe(Runnable wake) {
        subscribers.add(wake);
        receiver.start();
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    @Override
    public void close() {
        receiver.stop();
    }

    private static Connection open(String url, Optional<String> username, Optional<String> password) throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "ams-operation-listener");
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "30");
        props.setProperty("tcpKeepAlive", "true");
        Connection c = new Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: the operation step listener needs PostgreSQL");
        }
        return c;
    }
}
