package com.pveams.adapters.persistence.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** An embedded PostgreSQL with every migration applied, for adapter tests that run without Quarkus. */
public final class MigratedDatabase implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private MigratedDatabase(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static MigratedDatabase start() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(120)).start();
            Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            return new MigratedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    /** Runs a statement with parameters, autocommitted; returns the first column of the first row, if any. */
    public Object query(String sql, Object... params) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            if (!ps.execute()) {
                return ps.getUpdateCount();
            }
            try (ResultSet rs = ps.getResultSet()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
