package com.pveams.bootstrap.database;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts PostgreSQL from the zonky binaries in {@code <ams.data-dir>/postgres} when the operator configured no
 * {@code quarkus.datasource.jdbc.url}. The cluster is durable (fsync, synchronous commit, full-page writes),
 * listens on 127.0.0.1 only, and lets nobody in without a password: the service logs in as the non-superuser role
 * {@code ams} that owns its schema, with a random password generated once into {@code <ams.data-dir>}.
 * Clusters laid out by earlier versions (trust authentication, everything owned by {@code postgres}) are upgraded
 * in place on start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    /** Generous: the first start on a small, busy VPS unpacks the binaries and runs initdb with fsync on. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

    /**
     * Passed as {@code -c} options, which outrank postgresql.conf and ALTER SYSTEM. zonky starts the server with
     * {@code -F} (fsync off) and {@code synchronous_commit=off}; our later {@code -c fsync=on} wins over the
     * {@code -F} before it, and ours replaces zonky's synchronous_commit.
     */
    static final Map<String, String> SERVER_SETTINGS = serverSettings();

    private final EmbeddedPostgres pg;
    private final String servicePassword;

    private EmbeddedDatabase(EmbeddedPostgres pg, String servicePassword) {
        this.pg = pg;
        this.servicePassword = servicePassword;
    }

    private static Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        settings.put("password_encryption", "scram-sha-256");
        // TCP on loopback, which is what JDBC and zonky's readiness check use; no Unix socket, whose default
        // directory (/tmp) any local user can reach
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", "");
        return Map.copyOf(settings);
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
        EmbeddedDatabase db = start(dataDir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-postgres-stop"));
        System.setProperty(URL_PROPERTY, db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", db.serviceUser());
        System.setProperty("quarkus.datasource.password", db.servicePassword());
    }

    /**
     * Starts (initialising on first use, upgrading a cluster of an earlier version) the PostgreSQL kept in
     * {@code <dataDir>/postgres}; port 0 picks a free one.
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        requireRunnableAsThisUser();
        ClusterFiles files = new ClusterFiles(dataDir);
        try {
            files.createDataDirectory();
            ClusterFiles.State state = files.inspect();
            if (state == ClusterFiles.State.NEW) {
                files.markInitialising();
            }
            // the superuser password can only be made up while nothing checks it yet
            String superuserPassword = ClusterFiles.password(files.superuserPasswordFile(), state != ClusterFiles.State.CURRENT);
            // the service password is set again from its file on every start, so a lost file is simply replaced
            String servicePassword = ClusterFiles.password(files.servicePasswordFile(), true);
            if (state == ClusterFiles.State.LEGACY) {
                LOG.warnf("Upgrading the embedded PostgreSQL in %s: passwords instead of trust, tables owned by role %s",
                        files.pgDir(), ServiceRole.NAME);
                // one more start under the old trust rules, to give the roles their passwords; the next start
                // replaces pg_hba.conf (a crash in between repeats this step)
                try (EmbeddedPostgres legacy = launch(files, state, port, superuserPassword)) {
                    secure(legacy, superuserPassword, servicePassword);
                }
                state = ClusterFiles.State.CURRENT;
            }
            EmbeddedPostgres pg = launch(files, state, port, superuserPassword);
            try {
                secure(pg, superuserPassword, servicePassword);
                if (state == ClusterFiles.State.NEW) {
                    files.initialised();
                }
            } catch (IOException | RuntimeException e) {
                pg.close();
                throw e;
            }
            LOG.infof("No database configured: embedded PostgreSQL started on 127.0.0.1:%d with data in %s", pg.getPort(), files.pgDir());
            return new EmbeddedDatabase(pg, servicePassword);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + files.pgDir(), e);
        }
    }

    private static EmbeddedPostgres launch(ClusterFiles files, ClusterFiles.State state, int port, String superuserPassword)
            throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(files.pgDir())
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT)
                // zonky's readiness check logs in as the superuser
                .setConnectConfig("password", superuserPassword)
                .setDataDirectoryCustomizer(dir -> files.beforeStart(state))
                // initdb (new clusters only) runs "-A trust" first; these later options replace it, so the cluster
                // never has a trust entry and the superuser has its password from the start
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("pwfile", files.superuserPasswordFile().toString());
        SERVER_SETTINGS.forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private static void secure(EmbeddedPostgres pg, String superuserPassword, String servicePassword) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            ServiceRole.ensure(c, superuserPassword, servicePassword);
        } catch (SQLException e) {
            throw new IOException("Could not set up the database role " + ServiceRole.NAME, e);
        }
    }

    /**
     * PostgreSQL refuses to run as root. zonky copes by running initdb, pg_ctl and postgres under {@code unshare -U}
     * (a user namespace where they are not root) when it can; say clearly what to do when it cannot.
     */
    private static void requireRunnableAsThisUser() {
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0 && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("The embedded PostgreSQL cannot run as root here: 'unshare -U' (util-linux)"
                    + " is missing or user namespaces are disabled. Run the service as an ordinary user, allow user"
                    + " namespaces, or configure quarkus.datasource.jdbc.url for an external PostgreSQL");
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + ServiceRole.DATABASE;
    }

    public String serviceUser() {
        return ServiceRole.NAME;
    }

    public String servicePassword() {
        return servicePassword;
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
