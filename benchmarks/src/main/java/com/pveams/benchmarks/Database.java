package com.pveams.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The suite's PostgreSQL (zonky embedded, as the tests use), which the service is pointed at by JDBC URL. */
public final class Database implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private Database(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static Database start(Path dir) throws IOException {
        return new Database(EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start());
    }

    public String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    public Connection connect() throws SQLException {
        return pg.getPostgresDatabase().getConnection();
    }

    public long value(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public List<long[]> pairs(String sql, Object... params) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new long[]{rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }

    public int execute(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
