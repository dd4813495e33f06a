package com.pveams.adapters.persistence.vm;

import com.pveams.application.port.out.vm.VmLifecycleStore;
import com.pveams.domain.vm.DeleteState;
import com.pveams.domain.vm.ManagedVm;
import com.pveams.domain.vm.VmState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The {@code vm} columns delete and password reset read and write, over plain JDBC in the caller's transaction. */
@ApplicationScoped
public class VmLifecyclePersistenceAdapter implements VmLifecycleStore {
    private static final String SELECT = "SELECT id, node_id, vmid, status, delete_state, guest_username, agent FROM vm"
            + " WHERE id = ?";

    private final DataSource dataSource;

    @Inject
    public VmLifecyclePersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<ManagedVm> find(long vmId) {
        return select(SELECT, vmId);
    }

    @Override
    public Optional<ManagedVm> lock(long vmId) {
        return select(SELECT + " FOR UPDATE", vmId);
    }

    @Override
    public boolean markDeleted(long vmId, Instant at) {
        return update("UPDATE vm SET delete_state = 2, deleted_at = ?, recycle_purge_at = NULL, status = "
                + VmState.STOPPED.code() + ", pending_guest_password_enc = NULL, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND delete_state <> 2", Timestamp.from(at), Timestamp.from(at), vmId) > 0;
    }

    @Override
    public void releaseVmidReservation(long vmId) {
        update("DELETE FROM vmid_reservation WHERE vm_id = ?", vmId);
    }

    @Override
    public void storePendingPassword(long vmId, byte[] ciphertext) {
        update("UPDATE vm SET pending_guest_password_enc = ? WHERE id = ?", ciphertext, vmId);
    }

    @Override
    public Optional<byte[]> pendingPassword(long vmId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "SELECT pending_guest_password_enc FROM vm WHERE id = ?", vmId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the pending password of VM " + vmId + " failed", e);
        }
    }

    @Override
    public boolean commitPendingPassword(long vmId) {
        return update("UPDATE vm SET guest_password_enc = pending_guest_password_enc, pending_guest_password_enc = NULL,"
                + " updated_at = now(), version = version + 1 WHERE id = ? AND pending_guest_password_enc IS NOT NULL",
                vmId) > 0;
    }

    @Override
    public void clearPendingPassword(long vmId) {
        update("UPDATE vm SET pending_guest_password_enc = NULL WHERE id = ?", vmId);
    }

    private Optional<ManagedVm> select(String sql, long vmId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, vmId);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long node = rs.getLong("node_id");
            return Optional.of(new ManagedVm(rs.getLong("id"), rs.wasNull() ? null : node, rs.getInt("vmid"),
                    VmState.stored(rs.getInt("status")), DeleteState.stored(rs.getInt("delete_state")),
                    rs.getString("guest_username"), rs.getBoolean("agent")));
        } catch (SQLException e) {
            throw new IllegalStateException("reading VM " + vmId + " failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating a VM row failed", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
