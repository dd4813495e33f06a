package com.pveams.adapters.persistence.crypto;

import com.pveams.adapters.persistence.node.PostgresNodeChangeFeed;
import com.pveams.application.port.out.crypto.EncryptedSecretsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code *_enc} columns, read and rewritten with plain JDBC: each statement stands alone (a rewrite is a
 * compare-and-set per row), so the rotation walk holds no transaction open and needs none.
 */
@ApplicationScoped
public class EncryptedSecretsPersistenceAdapter implements EncryptedSecretsStore {
    /** Every column written by the SecretCipher. A migration adding one adds it here, or rotation misses it. */
    static final Map<String, Column> COLUMNS = columns(
            new Column("node", "api_secret_enc"),
            new Column("node", "ssh_secret_enc"),
            new Column("vm", "guest_password_enc"),
            new Column("vm", "vnc_password_enc"),
            new Column("vm", "pending_guest_password_enc"),
            new Column("api_key", "key_enc"));

    private final DataSource dataSource;
    private final Consumer<Long> nodeRewritten;

    @Inject
    public EncryptedSecretsPersistenceAdapter(DataSource dataSource, PostgresNodeChangeFeed nodeChanges) {
        this(dataSource, nodeChanges::announceAfterCommit);
    }

    /** @param nodeRewritten hears each node row rewritten, after its statement (each commits on its own) */
    public EncryptedSecretsPersistenceAdapter(DataSource dataSource, Consumer<Long> nodeRewritten) {
        this.dataSource = dataSource;
        this.nodeRewritten = nodeRewritten;
    }

    @Override
    public List<String> columns() {
        return List.copyOf(COLUMNS.keySet());
    }

    @Override
    public List<StoredSecret> findStale(String column, String currentKeyId, long afterRowId, int limit) {
        Column c = column(column);
        // the SQL names come from the fixed table above, never from input
        String sql = "SELECT id, " + c.column() + " FROM " + c.table() + " WHERE " + c.column() + " IS NOT NULL"
                + " AND id > ? AND substring(" + c.column() + " FROM 1 FOR " + AesGcmSecretCipher.HEADER_BYTES + ") <> ?"
                + " ORDER BY id LIMIT ?";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, afterRowId);
            ps.setBytes(2, AesGcmSecretCipher.header(currentKeyId));
            ps.setInt(3, limit);
            List<StoredSecret> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new StoredSecret(rs.getLong(1), rs.getBytes(2)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + column, e);
        }
    }

    @Override
    public int rewrite(String column, List<Rewrite> rewrites) {
        Column c = column(column);
        String sql = "UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE id = ? AND " + c.column() + " = ?";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (Rewrite r : rewrites) {
                ps.setBytes(1, r.replacement());
                ps.setLong(2, r.rowId());
                ps.setBytes(3, r.expected());
                ps.addBatch();
            }
            int replaced = 0;
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                replaced += Math.max(counts[i], 0);
                if ("node".equals(c.table()) && counts[i] != 0) {
                    // this replica's cached node access holds the old key's plaintext; V31 tells the others
                    nodeRewritten.accept(rewrites.get(i).rowId());
                }
            }
            return replaced;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not rewrite " + column, e);
        }
    }

    private static Column column(String id) {
        Column c = COLUMNS.get(id);
        if (c == null) {
            throw new IllegalArgumentException("not an encrypted column: " + id);
        }
        return c;
    }

    record Column(String table, String column) {
        String id() {
            return table + "." + column;
        }
    }

    private static Map<String, Column> columns(Column... columns) {
        Map<String, Column> byId = new LinkedHashMap<>();
        for (Column c : columns) {
            byId.put(c.id(), c);
        }
        return byId;
    }
}
