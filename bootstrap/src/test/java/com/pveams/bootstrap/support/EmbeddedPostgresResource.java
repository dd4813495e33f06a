package com.pveams.bootstrap.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.time.Duration;

/** A throw-away PostgreSQL and data directory for the end-to-end tests (one per test JVM). */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedPostgres pg;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("ams-test-data");
            // Test configuration only: this cluster is thrown away after the run, so durability is traded for
            // speed (fsync and synchronous_commit off). The service's own embedded database (EmbeddedDatabase)
            // always runs with both on. zonky waits 10 s for the server by default, which a loaded 2-core CI
            // machine can exceed (it failed a whole test class once): wait as long as the service itself does.
            pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            // like production, the suite runs as a non-superuser role owning the schema, so a migration or query
            // that needs superuser fails here first
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE ams LOGIN PASSWORD 'ams' NOSUPERUSER NOCREATEDB NOCREATEROLE");
                st.execute("ALTER DATABASE postgres OWNER TO ams");
                st.execute("ALTER SCHEMA public OWNER TO ams");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database role", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres",
                "quarkus.datasource.username", "ams",
                "quarkus.datasource.password", "ams",
                "ams.data-dir", dataDir.toString());
    }

    @Override
    public void stop() {
        try {
            if (pg != null) {
                pg.close();
            }
            if (dataDir != null) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
