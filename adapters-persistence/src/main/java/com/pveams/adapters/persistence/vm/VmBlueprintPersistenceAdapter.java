package com.pveams.adapters.persistence.vm;

import com.pveams.adapters.persistence.JsonColumns;
import com.pveams.application.port.out.vm.VmBlueprints;
import com.pveams.domain.flavour.DataDisks;
import com.pveams.domain.vm.VmState;
import com.pveams.domain.vm.build.VmBlueprint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code vm} row as the build steps read and write it, over plain JDBC in the caller's transaction. */
@ApplicationScoped
public class VmBlueprintPersistenceAdapter implements VmBlueprints {
    private static final String SELECT = """
            SELECT v.id, v.node_id, v.vmid, v.hostname, v.sockets, v.cores, v.memory_mb, v.cpu, v.args, v.kvm, v.acpi,
                   v.agent, v.arch, v.on_boot, v.cpu_units, v.bandwidth_mbps, v.storage, v.system_disk_gb,
                   v.disk_mbps_rd, v.disk_mbps_rd_max, v.disk_mbps_wr, v.disk_mbps_wr_max, v.disk_iops_rd,
                   v.disk_iops_rd_max, v.disk_iops_wr, v.disk_iops_wr_max, CAST(v.data_disk AS text) AS data_disk,
                   v.bridge, CAST(v.ip_config AS text) AS ip_config, host(v.dns1) AS dns1, oin.location,
                   v.os_file_name, v.os_type, v.guest_username
              FROM vm v
              LEFT JOIN os_image_node oin ON oin.os_image_id = v.os_image_id AND oin.node_id = v.node_id
                                         AND oin.state = 2
             WHERE v.id = ? AND v.delete_state = 0""";

    private final DataSource dataSource;

    @Inject
    public VmBlueprintPersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<VmBlueprint> find(long vmId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, SELECT, vmId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(blueprint(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("reading VM " + vmId + " failed", e);
        }
    }

    private static VmBlueprint blueprint(ResultSet rs) throws SQLException {
        Map<Integer, String> ipConfig = new TreeMap<>();
        JsonColumns.read(rs.getString("ip_config")).forEach((slot, text) -> {
            if (slot.matches("[0-9]{1,3}")) {
                ipConfig.put(Integer.parseInt(slot), String.valueOf(text));
            }
        });
        return new VmBlueprint(rs.getLong("id"), rs.getLong("node_id"), rs.getInt("vmid"), rs.getString("hostname"),
                rs.getInt("sockets"), rs.getInt("cores"), rs.getInt("memory_mb"), rs.getString("cpu"),
                rs.getString("args"), rs.getBoolean("kvm"), rs.getBoolean("acpi"), rs.getBoolean("agent"),
                rs.getString("arch"), rs.getBoolean("on_boot"), rs.getInt("cpu_units"), rs.getInt("bandwidth_mbps"),
                rs.getString("storage"), rs.getInt("system_disk_gb"),
                new VmBlueprint.DiskLimits(rs.getInt("disk_mbps_rd"), rs.getInt("disk_mbps_rd_max"),
                        rs.getInt("disk_mbps_wr"), rs.getInt("disk_mbps_wr_max"), rs.getInt("disk_iops_rd"),
                        rs.getInt("disk_iops_rd_max"), rs.getInt("disk_iops_wr"), rs.getInt("disk_iops_wr_max")),
                DataDisks.parse(JsonColumns.read(rs.getString("data_disk"))), rs.getString("bridge"),
                new TreeMap<>(ipConfig), rs.getString("dns1"), rs.getString("location"), rs.getString("os_file_name"),
                rs.getString("os_type"), rs.getString("guest_username"));
    }

    @Override
    public boolean lock(long vmId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "SELECT 1 FROM vm WHERE id = ? AND delete_state = 0 FOR UPDATE", vmId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("locking VM " + vmId + " failed", e);
        }
    }

    @Override
    public Optional<GuestPlace> guestPlace(long vmId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "SELECT node_id, vmid FROM vm WHERE id = ? AND delete_state = 0", vmId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new GuestPlace(rs.getLong(1), rs.getInt(2))) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the node and VMID of VM " + vmId + " failed", e);
        }
    }

    @Override
    public Optional<Long> osImageId(long vmId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "SELECT os_image_id FROM vm WHERE id = ?", vmId);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long id = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(id);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the image of VM " + vmId + " failed", e);
        }
    }

    @Override
    public Optional<byte[]> guestPasswordToSend(long vmId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "SELECT coalesce(pending_guest_password_enc, guest_password_enc) FROM vm"
                     + " WHERE id = ?", vmId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the guest password of VM " + vmId + " failed", e);
        }
    }

    @Override
    public Optional<Long> reservationOfCurrentVmid(long vmId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, """
                     SELECT r.id FROM vm v JOIN node n ON n.id = v.node_id
                       JOIN vmid_reservation r ON r.vmid_space = n.vmid_space AND r.vmid = v.vmid
                      WHERE v.id = ? AND (r.vm_id IS NULL OR r.vm_id = v.id)""", vmId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the VMID reservation of VM " + vmId + " failed", e);
        }
    }

    @Override
    public void unbindReservation(long reservationId) {
        update("UPDATE vmid_reservation SET vm_id = NULL WHERE id = ?", reservationId);
    }

    @Override
    public void moveVmid(long vmId, int vmid) {
        update("UPDATE vm SET vmid = ?, updated_at = now(), version = version + 1 WHERE id = ?", vmid, vmId);
    }

    @Override
    public boolean markBuilt(long vmId) {
        return update("UPDATE vm SET status = " + VmState.RUNNING.code() + ", guest_password_enc ="
                + " coalesce(pending_guest_password_enc, guest_password_enc), pending_guest_password_enc = NULL,"
                + " updated_at = now(), version = version + 1 WHERE id = ? AND delete_state = 0 AND status IN ("
                + VmState.CREATING.code() + ", " + VmState.REINSTALLING.code() + ")", vmId) > 0;
    }

    @Override
    public boolean markAbandoned(long vmId, Instant at) {
        return update("UPDATE vm SET delete_state = 2, deleted_at = ?, recycle_purge_at = NULL, status = "
                + VmState.STOPPED.code() + ", pending_guest_password_enc = NULL, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND delete_state <> 2", Timestamp.from(at), Timestamp.from(at), vmId) > 0;
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
