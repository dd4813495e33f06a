package com.pveams.bootstrap.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inventory rows written straight into the database, for tests of features that only reference them (nodes and
 * VMs are built by their own endpoints elsewhere). Secrets are placeholder bytes of ciphertext length.
 */
public final class InventoryRows {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final byte[] FAKE_CIPHERTEXT = new byte[32];

    private InventoryRows() {
    }

    /** A node with a unique name and endpoint; returns its id. */
    public static long node(DataSource ds) {
        int n = SEQ.incrementAndGet();
        return insert(ds, """
                INSERT INTO node (name, host, auth_mode, username, api_secret_enc, tls_trust_mode)
                VALUES (?, ?, 'PASSWORD', 'root', ?, 'CA') RETURNING id""",
                "test-node-" + System.nanoTime() + "-" + n, "node" + n + "-" + System.nanoTime() + ".test", FAKE_CIPHERTEXT);
    }

    /** A live VM on the node with the given PVE vmid; returns its id. */
    public static long vm(DataSource ds, long nodeId, int vmid) {
        return insert(ds, """
                INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc, os_file_name, os_name,
                                os_type, storage, system_disk_gb, bridge, expires_at)
                VALUES (?, ?, ?, 'root', ?, 'debian-12.qcow2', 'Debian 12', 'linux', 'local', 10, 'vmbr0',
                        now() + interval '30 days') RETURNING id""",
                nodeId, vmid, "vm-" + vmid + "-" + SEQ.incrementAndGet(), FAKE_CIPHERTEXT);
    }

    /** Marks the address held by the VM, as an allocation would. */
    public static void hold(DataSource ds, long poolId, String address, long vmId) {
        exec(ds, "UPDATE ip_address SET status = 1, vm_id = ?, vm_delete_state = 0 WHERE pool_id = ? AND address = CAST(? AS inet)",
                vmId, poolId, address);
    }

    public static long count(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void exec(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement st = prepare(c, sql, params)) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long insert(DataSource ds, String sql, Object... params) {
        return count(ds, sql, params);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }
}
