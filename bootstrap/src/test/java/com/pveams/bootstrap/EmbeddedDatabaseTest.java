package com.pveams.bootstrap;

import com.pveams.bootstrap.database.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded database of single-binary installs keeps its data across restarts. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(dataDir, 0);
             Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE TABLE kept (v text)");
            c.createStatement().execute("INSERT INTO kept VALUES ('still here')");
        }
        assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")));
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(dataDir, 0);
             Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        }
    }
}
