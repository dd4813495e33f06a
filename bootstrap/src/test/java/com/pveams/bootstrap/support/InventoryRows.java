package com.pveams.bootstrap.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rows the region and console tests need but do not own (nodes are registered through node management, which
 * checks them against PVE): inserted directly in SQL, each with a unique name and endpoint, plus small readers.
 */
public final class InventoryRows {
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private final DataSource db;

    public InventoryRows(DataSource db) {
        this.db = db;
    }

    /** A node row in {@code regionId} (null = none), with a fake 32-byte ciphertext as its API secret. */
    public long node(Long regionId) {
        int n = NEXT.getAndIncrement();
        String sql = "INSERT INTO node (name, region_id, host, auth_mode, username, api_secret_enc, tls_trust_mode)"
                + " VALUES (?, ?, ?, 'PASSWORD', 'root', ?, 'CA') RETURNING id";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "test-node-" + UUID.randomUUID().toString().substring(0, 8));
            ps.setObject(2, regionId);
            ps.setString(3, "198.51." + (n / 250) + "." + (1 + n % 250));
            ps.setBytes(4, new byte[32]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single value of a one-row, one-column query; null when there is no row or the value is NULL. */
    public Object value(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    public void execute(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A name no other test uses, so tests sharing the database do not collide. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
