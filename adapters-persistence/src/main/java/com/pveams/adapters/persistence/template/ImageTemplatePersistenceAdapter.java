package com.pveams.adapters.persistence.template;

import com.pveams.application.port.out.template.ImageTemplateStore;
import com.pveams.domain.vm.template.ImageTemplate;
import com.pveams.domain.vm.template.TemplateState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code vm_template} over plain JDBC in the caller's transaction. */
@ApplicationScoped
public class ImageTemplatePersistenceAdapter implements ImageTemplateStore {
    private static final String COLUMNS = "id, os_image_id, node_id, storage, state, vmid, reservation_id, linked_clones,"
            + " reason, updated_at";
    /**
     * A template's VMID reservation never expires on its own (an unbound one would after 15 minutes and could be
     * taken by a create); the registry releases it when the template is gone.
     */
    private static final Timestamp HELD_WHILE_THE_TEMPLATE_LIVES = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

    private final DataSource dataSource;

    @Inject
    public ImageTemplatePersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<ImageTemplate> find(long osImageId, long nodeId, String storage) {
        return query("SELECT " + COLUMNS + " FROM vm_template WHERE os_image_id = ? AND node_id = ? AND storage = ?",
                osImageId, nodeId, storage).stream().findFirst();
    }

    @Override
    public Optional<ImageTemplate> lock(long id) {
        return query("SELECT " + COLUMNS + " FROM vm_template WHERE id = ? FOR UPDATE", id).stream().findFirst();
    }

    @Override
    public Optional<ImageTemplate> insertBuilding(long osImageId, long nodeId, String storage, Instant now) {
        // a concurrent insert of the key waits for the first to commit, then inserts nothing
        return query("INSERT INTO vm_template (os_image_id, node_id, storage, state, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'BUILDING', ?, ?) ON CONFLICT ON CONSTRAINT uq_vm_template_image_node_storage"
                        + " DO NOTHING RETURNING " + COLUMNS,
                osImageId, nodeId, storage, Timestamp.from(now), Timestamp.from(now)).stream().findFirst();
    }

    @Override
    public boolean restartFailed(long id, Instant readUpdatedAt, Instant now) {
        return update("UPDATE vm_template SET state = 'BUILDING', reason = NULL, updated_at = ?"
                + " WHERE id = ? AND state = 'FAILED' AND updated_at = ?", Timestamp.from(now), id,
                Timestamp.from(readUpdatedAt)) > 0;
    }

    @Override
    public void save(ImageTemplate t) {
        update("UPDATE vm_template SET state = ?, vmid = ?, reservation_id = ?, linked_clones = ?, reason = ?,"
                        + " updated_at = ? WHERE id = ?", t.state().name(), t.vmid(), t.reservationId(), t.linkedClones(),
                t.reason(), Timestamp.from(t.updatedAt()), t.id());
    }

    @Override
    public void recordOperation(long id, long operationId) {
        update("UPDATE vm_template SET operation_id = ? WHERE id = ?", operationId, id);
    }

    @Override
    public void holdVmid(long reservationId) {
        update("UPDATE vmid_reservation SET reserved_until = ? WHERE id = ? AND vm_id IS NULL",
                HELD_WHILE_THE_TEMPLATE_LIVES, reservationId);
    }

    @Override
    public List<ImageTemplate> ofImage(long osImageId) {
        return query("SELECT " + COLUMNS + " FROM vm_template WHERE os_image_id = ? ORDER BY id", osImageId);
    }

    @Override
    public void delete(long id) {
        update("DELETE FROM vm_template WHERE id = ?", id);
    }

    private List<ImageTemplate> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            List<ImageTemplate> out = new ArrayList<>();
            while (rs.next()) {
                long image = rs.getLong("os_image_id");
                Long osImageId = rs.wasNull() ? null : image;
                int vmid = rs.getInt("vmid");
                Integer v = rs.wasNull() ? null : vmid;
                long reservation = rs.getLong("reservation_id");
                Long r = rs.wasNull() ? null : reservation;
                out.add(new ImageTemplate(rs.getLong("id"), osImageId, rs.getLong("node_id"), rs.getString("storage"),
                        TemplateState.valueOf(rs.getString("state")), v, r, rs.getBoolean("linked_clones"),
                        rs.getString("reason"), rs.getTimestamp("updated_at").toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading templates failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing a template row failed", e);
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
