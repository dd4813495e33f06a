package com.pveams.adapters.persistence.vm;

import com.pveams.application.port.out.vm.VmReinstallRows;
import com.pveams.domain.image.ImageKind;
import com.pveams.domain.vm.DeleteState;
import com.pveams.domain.vm.VmState;
import com.pveams.domain.vm.reinstall.ImageReference;
import com.pveams.domain.vm.reinstall.ReinstallImage;
import com.pveams.domain.vm.reinstall.ReinstallableVm;
import com.pveams.domain.vm.reinstall.ReinstallableVm.Reinstall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code vm} and image columns a reinstall reads and writes, over plain JDBC in the caller's transaction. */
@ApplicationScoped
public class VmReinstallPersistenceAdapter implements VmReinstallRows {
    private static final String SELECT_VM = "SELECT id, node_id, vmid, status, delete_state, os_type, guest_username,"
            + " storage FROM vm WHERE id = ?";
    /** The image and, when it is downloaded on the node, where. */
    private static final String SELECT_IMAGE = "SELECT i.id, i.name, i.file_name, i.type, n.location FROM os_image i"
            + " LEFT JOIN os_image_node n ON n.os_image_id = i.id AND n.node_id = ? AND n.state = 2 WHERE ";

    private final DataSource dataSource;

    @Inject
    public VmReinstallPersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<ReinstallableVm> find(long vmId) {
        return selectVm(SELECT_VM, vmId);
    }

    @Override
    public Optional<ReinstallableVm> lock(long vmId) {
        return selectVm(SELECT_VM + " FOR UPDATE", vmId);
    }

    @Override
    public Optional<ReinstallImage> findImage(ImageReference reference, long nodeId) {
        for (ImageReference.Lookup lookup : reference.lookups()) {
            Optional<ReinstallImage> found = switch (lookup.by()) {
                case ID -> selectImage("i.id = ?", nodeId, Long.parseLong(lookup.value()));
                case FILE_NAME -> selectImage("i.file_name = ?", nodeId, lookup.value());
                case NAME -> selectImage("i.name = ?", nodeId, lookup.value());
            };
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public void begin(Reinstall r, byte[] pendingPasswordCiphertext) {
        update("UPDATE vm SET status = " + VmState.REINSTALLING.code() + ", os_image_id = ?, os_file_name = ?,"
                        + " os_name = ?, os_type = ?, guest_username = ?, pending_guest_password_enc = ?,"
                        + " updated_at = now(), version = version + 1 WHERE id = ?",
                r.imageId(), r.osFileName(), r.osName(), r.osType(), r.guestUsername(), pendingPasswordCiphertext,
                r.vmId());
    }

    @Override
    public void abandon(long vmId) {
        update("UPDATE vm SET status = " + VmState.STOPPED.code() + ", pending_guest_password_enc = NULL,"
                + " updated_at = now(), version = version + 1 WHERE id = ? AND status = "
                + VmState.REINSTALLING.code(), vmId);
    }

    private Optional<ReinstallableVm> selectVm(String sql, long vmId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, vmId);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long node = rs.getLong("node_id");
            return Optional.of(new ReinstallableVm(rs.getLong("id"), rs.wasNull() ? null : node, rs.getInt("vmid"),
                    VmState.stored(rs.getInt("status")), DeleteState.stored(rs.getInt("delete_state")),
                    rs.getString("os_type"), rs.getString("guest_username"), rs.getString("storage")));
        } catch (SQLException e) {
            throw new IllegalStateException("reading VM " + vmId + " failed", e);
        }
    }

    private Optional<ReinstallImage> selectImage(String where, long nodeId, Object value) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, SELECT_IMAGE + where, nodeId, value);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new ReinstallImage(rs.getLong("id"), rs.getString("name"), rs.getString("file_name"),
                    ImageKind.parse(rs.getString("type"), "type"), rs.getString("location")));
        } catch (SQLException e) {
            throw new IllegalStateException("looking up an image failed", e);
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
