package com.pveams.bootstrap;

import com.pveams.bootstrap.database.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded database of single-binary installs: durable, reachable only on loopback and only with a password,
 * used through a non-superuser role that owns the schema, keeping its data across restarts, and upgrading clusters
 * laid out by earlier versions in place.
 */
class EmbeddedDatabaseTest {
    private static final String SUPERUSER_FILE = "postgres-superuser.password";
    private static final String SERVICE_FILE = "postgres-service.password";

    @Test
    void newClusterIsDurableAndServesTheServiceRoleOnLoopback(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
             Connection c = serviceConnection(db)) {
            assertEquals("on", show(c, "fsync"));
            assertEquals("on", show(c, "synchronous_commit"));
            assertEquals("on", show(c, "full_page_writes"));
            assertEquals("127.0.0.1", show(c, "listen_addresses"));
            assertEquals("scram-sha-256", show(c, "password_encryption"));
            assertEquals("ams", one(c, "SELECT current_user"));
            assertEquals("false", one(c, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
            assertEquals("false", one(c, "SELECT (rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)::text"
                    + " FROM pg_roles WHERE rolname = current_user"));
            assertEquals("ams", one(c, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
            assertEquals("ams", one(c, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'"));
        }
        assertEquals("rwx------", mode(dataDir));
        assertEquals("rwx------", mode(dataDir.resolve("postgres")));
        assertEquals("rw-------", mode(dataDir.resolve(SUPERUSER_FILE)));
        assertEquals("rw-------", mode(dataDir.resolve(SERVICE_FILE)));
        assertFalse(Files.exists(dataDir.resolve("postgres.initialising")));
    }

    @Test
    void nobodyConnectsWithoutTheRightPasswordAndFlywayMigratesAsTheServiceRole(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            String superuserPassword = Files.readString(dataDir.resolve(SUPERUSER_FILE)).trim();
            for (String user : List.of("ams", "postgres")) {
                SQLException none = assertThrows(SQLException.class, () -> connect(db, user, null));
                assertEquals("08004", none.getSQLState(), none.getMessage()); // the server asked for a password
                SQLException wrong = assertThrows(SQLException.class, () -> connect(db, user, "postgres"));
                assertEquals("28P01", wrong.getSQLState(), wrong.getMessage()); // invalid_password
            }
            try (Connection su = connect(db, "postgres", superuserPassword)) {
                // no Unix socket at all (only the superuser may look): TCP on loopback is the only way in
                assertEquals("", show(su, "unix_socket_directories"));
                assertEquals("0", one(su, "SELECT count(*) FROM pg_hba_file_rules"
                        + " WHERE auth_method <> 'scram-sha-256' OR error IS NOT NULL OR type <> 'host'"));
                assertEquals("1", one(su, "SELECT count(*) FROM pg_hba_file_rules"));
            }
            Flyway.configure().dataSource(db.jdbcUrl(), db.serviceUser(), db.servicePassword()).load().migrate();
            try (Connection c = serviceConnection(db)) {
                assertTrue(Integer.parseInt(one(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) > 5);
                assertEquals(List.of(), notOwnedByService(c));
            }
        }
        assertFalse(Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf")).contains("trust"));
    }

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
             Connection c = serviceConnection(db)) {
            c.createStatement().execute("CREATE TABLE kept (v text)");
            c.createStatement().execute("INSERT INTO kept VALUES ('still here')");
        }
        assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
             Connection c = serviceConnection(db)) {
            assertEquals("still here", one(c, "SELECT v FROM kept"));
        }
    }

    @Test
    void clusterOfAnEarlierVersionIsUpgradedInPlace(@TempDir Path dataDir) throws Exception {
        createTheOldWay(dataDir, (pg, c) -> {
            Flyway.configure().dataSource(pg.getPostgresDatabase()).load().migrate();
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO api_key (app_id, key_hash) VALUES ('legacy-app', repeat('a', 64))");
                st.execute("CREATE SEQUENCE standalone_seq");
                st.execute("CREATE TYPE mood AS ENUM ('ok')");
                st.execute("CREATE VIEW enabled_keys AS SELECT app_id FROM api_key WHERE enabled");
                st.execute("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
            }
        });
        assertTrue(Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf")).contains("trust"));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
             Connection c = serviceConnection(db)) {
            assertEquals("legacy-app", one(c, "SELECT app_id FROM api_key"));
            assertEquals(List.of(), notOwnedByService(c));
            assertEquals("ams", one(c, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
            assertEquals("ams", one(c, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'"));
            assertEquals("42", one(c, "SELECT answer()"));
            assertEquals("on", show(c, "fsync"));
            // the owner can keep migrating: a new table, and Flyway finds its history usable
            c.createStatement().execute("ALTER TABLE api_key ADD COLUMN note text");
            Flyway.configure().dataSource(db.jdbcUrl(), db.serviceUser(), db.servicePassword()).load().migrate();
            SQLException refused = assertThrows(SQLException.class, () -> connect(db, "postgres", null));
            assertEquals("08004", refused.getSQLState());
        }
        assertFalse(Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf")).contains("trust"));
        assertEquals("rw-------", mode(dataDir.resolve(SUPERUSER_FILE)));
        assertEquals("rwx------", mode(dataDir.resolve("postgres")));

        // and again: nothing left to upgrade, the data is still there
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
             Connection c = serviceConnection(db)) {
            assertEquals("legacy-app", one(c, "SELECT app_id FROM api_key"));
        }
    }

    @Test
    void anUpgradeInterruptedHalfWayStillStarts(@TempDir Path dataDir) throws Exception {
        // what a crash can leave: the password files written, the role created with another password,
        // some tables moved, pg_hba.conf still the old one
        createTheOldWay(dataDir, (pg, c) -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE moved (id bigserial PRIMARY KEY, v text)");
                st.execute("CREATE TABLE not_yet (id bigserial PRIMARY KEY, v text)");
                st.execute("INSERT INTO not_yet (v) VALUES ('kept')");
                st.execute("CREATE ROLE ams LOGIN PASSWORD 'from-before-the-crash'");
                st.execute("ALTER TABLE moved OWNER TO ams");
            }
        });
        Files.writeString(dataDir.resolve(SUPERUSER_FILE), "superuser-secret");
        Files.writeString(dataDir.resolve(SERVICE_FILE), "service-secret");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
             Connection c = connect(db, "ams", "service-secret")) {
            assertEquals("kept", one(c, "SELECT v FROM not_yet"));
            c.createStatement().execute("INSERT INTO not_yet (v) VALUES ('new')");
            assertEquals(List.of(), notOwnedByService(c));
            connect(db, "postgres", "superuser-secret").close();
        }
    }

    @Test
    void anInterruptedFirstInitialisationIsMadeAgain(@TempDir Path dataDir) throws Exception {
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres").resolve("postgresql.conf"), "# half-written by initdb\n");
        Files.writeString(dataDir.resolve("postgres.initialising"), "");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
             Connection c = serviceConnection(db)) {
            assertEquals("on", show(c, "fsync"));
        }
        assertFalse(Files.exists(dataDir.resolve("postgres.initialising")));
    }

    @Test
    void aLostSuperuserPasswordIsNotMadeUpAgain(@TempDir Path dataDir) throws Exception {
        EmbeddedDatabase.start(dataDir, 0).close();
        Files.delete(dataDir.resolve(SUPERUSER_FILE));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dataDir, 0));
        assertTrue(e.getMessage().contains(SUPERUSER_FILE), e.getMessage());
    }

    // --- helpers

    /** A cluster as versions before this one made it: zonky's defaults (trust), everything done as postgres. */
    private static void createTheOldWay(Path dataDir, SqlWork work) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(120))
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            work.run(pg, c);
        }
    }

    private interface SqlWork {
        void run(EmbeddedPostgres pg, Connection c) throws Exception;
    }

    private static Connection serviceConnection(EmbeddedDatabase db) throws SQLException {
        return connect(db, db.serviceUser(), db.servicePassword());
    }

    private static Connection connect(EmbeddedDatabase db, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(db.jdbcUrl(), props);
    }

    private static String show(Connection c, String setting) throws SQLException {
        return one(c, "SHOW " + setting);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /** Everything in schema public that the service role does not own, as "kind name owner". */
    private static List<String> notOwnedByService(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT 'relation ' || relname || ' ' || pg_get_userbyid(relowner) FROM pg_class
                 WHERE relnamespace = 'public'::regnamespace AND relowner <> 'ams'::regrole
                UNION ALL
                SELECT 'routine ' || proname || ' ' || pg_get_userbyid(proowner) FROM pg_proc
                 WHERE pronamespace = 'public'::regnamespace AND proowner <> 'ams'::regrole
                UNION ALL
                SELECT 'type ' || typname || ' ' || pg_get_userbyid(typowner) FROM pg_type
                 WHERE typnamespace = 'public'::regnamespace AND typowner <> 'ams'::regrole
                """)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
