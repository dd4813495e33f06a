package com.pveams.adapters.persistence;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * This process's one {@link PostgresListener}: every LISTEN channel of the service (credential changes, operation
 * steps, console openings) shares its connection, opened when the first channel is added and closed on shutdown.
 */
@ApplicationScoped
public class PostgresListeners {
    private final PostgresListener listener;

    @Inject
    public PostgresListeners(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                             @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                             @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.listener = new PostgresListener(() -> open(url, username, password), PostgresListener.Timing.DEFAULT,
                "ams-pg-listener");
    }

    public void listen(String channel, PostgresListener.Channel handler) {
        listener.listen(channel, handler);
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }

    private static Connection open(String url, Optional<String> username, Optional<String> password) throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "ams-listener");
        props.setProperty("connectTimeout", "10");
        // A read that hangs this long means a dead peer; the periodic SELECT 1 turns that into a reconnect.
        props.setProperty("socketTimeout", "30");
        props.setProperty("tcpKeepAlive", "true");
        Connection c = new Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: the LISTEN connection needs PostgreSQL");
        }
        return c;
    }
}
