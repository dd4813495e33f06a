package com.pveams.adapters.persistence.vm;

import com.pveams.adapters.persistence.JsonColumns;
import com.pveams.application.port.out.vm.VmCreationStore;
import com.pveams.domain.flavour.DataDisks;
import com.pveams.domain.flavour.FlavourSpec;
import com.pveams.domain.image.DownloadState;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.vm.VmState;
import com.pveams.domain.vm.create.DiskLimits;
import com.pveams.domain.vm.create.ImageFacts;
import com.pveams.domain.vm.create.ImageRef;
import com.pveams.domain.vm.create.NewVm;
import com.pveams.domain.vm.create.VmHardware;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The create's reads of the inventory and its {@code vm} row, over plain JDBC in the caller's transaction.
 * {@code data_disk} is stored in {@link DataDisks#json()}'s form: slot → size in GB, or
 * {@code {"size": GB, "storage": id}} for a disk on another storage than the VM's.
 */
@ApplicationScoped
public class VmCreationPersistenceAdapter implements VmCreationStore {
    private static final String IMAGE = "SELECT id, name, file_name, type, os_type, arch, size_bytes FROM os_image";
    private static final String VM = "SELECT id, node_id, vmid, hostname, flavour_id, sockets, cores, threads, nested,"
            + " devirtualization, kvm, cpu_model_id, model_group_id, cpu, cpu_units, bwlimit_kbps, args, arch, acpi,"
            + " memory_mb, storage, system_disk_gb, data_disk::text AS data_disk, bridge, ip_config::text AS ip_config,"
            + " host(dns1) AS dns1, os_file_name, os_name, os_type, on_boot, bandwidth_mbps, guest_username,"
            + " guest_password_enc, status, expires_at, flow_limit_bytes, nat FROM vm WHERE id = ?";

    private final DataSource dataSource;

    @Inject
    public VmCreationPersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<NodeFacts> node(long nodeId) {
        return one("SELECT id, status, auto_storage, nat_enabled, nat_bridge, auth_mode, username, realm FROM node"
                + " WHERE id = ?", rs -> new NodeFacts(rs.getLong("id"), rs.getInt("status"), rs.getString("auto_storage"),
                rs.getBoolean("nat_enabled"), rs.getString("nat_bridge"), "TOKEN".equals(rs.getString("auth_mode")),
                userId(rs.getString("username"), rs.getString("realm"))), nodeId);
    }

    /** The stored username may already carry its realm ({@code user@realm!token} forms are split on write). */
    private static String userId(String username, String realm) {
        return username.contains("@") ? username : username + "@" + realm;
    }

    @Override
    public Optional<FlavourSpec> flavour(long flavourId) {
        // FOR KEY SHARE: a concurrent delete of the flavour waits for this create; other creates do not
        return one("SELECT name, sockets, cores, threads, devirtualization, kvm, cpu_model_id, model_group_id, nested,"
                + " cpu, cpu_units, bwlimit_kbps, arch, acpi, memory_mb, storage, system_disk_gb, data_disk::text AS dd,"
                + " bandwidth_mbps, on_boot FROM flavour WHERE id = ? FOR KEY SHARE", rs -> new FlavourSpec(
                rs.getString("name"), rs.getInt("sockets"), rs.getInt("cores"), rs.getInt("threads"),
                rs.getBoolean("devirtualization"), rs.getBoolean("kvm"), longOrNull(rs, "cpu_model_id"),
                longOrNull(rs, "model_group_id"), rs.getBoolean("nested"), rs.getString("cpu"), rs.getInt("cpu_units"),
                intOrNull(rs, "bwlimit_kbps"), rs.getString("arch"), rs.getBoolean("acpi"), rs.getInt("memory_mb"),
                rs.getString("storage"), intOrNull(rs, "system_disk_gb"),
                DataDisks.parse(JsonColumns.read(rs.getString("dd"))), rs.getInt("bandwidth_mbps"),
                rs.getBoolean("on_boot")), flavourId);
    }

    @Override
    public Optional<ImageFacts> image(long imageId) {
        return one(IMAGE + " WHERE id = ?", VmCreationPersistenceAdapter::image, imageId);
    }

    @Override
    public Optional<ImageFacts> image(ImageRef.By by, String value) {
        String column = by == ImageRef.By.FILE_NAME ? "file_name" : "name";
        return one(IMAGE + " WHERE " + column + " = ? ORDER BY id LIMIT 1", VmCreationPersistenceAdapter::image, value);
    }

    private static ImageFacts image(ResultSet rs) throws SQLException {
        return new ImageFacts(rs.getLong("id"), rs.getString("name"), rs.getString("file_name"), rs.getString("type"),
                rs.getString("os_type"), rs.getString("arch"), longOrNull(rs, "size_bytes"));
    }

    @Override
    public boolean downloadedOn(long imageId, long nodeId) {
        return one("SELECT 1 FROM os_image_node WHERE os_image_id = ? AND node_id = ? AND state = ?", rs -> true,
                imageId, nodeId, DownloadState.DOWNLOADED.code()).isPresent();
    }

    @Override
    public Optional<IpAddress> poolDns(long poolId) {
        return one("SELECT host(dns1) FROM ip_pool WHERE id = ? AND dns1 IS NOT NULL",
                rs -> IpAddress.parse(rs.getString(1), "dns1"), poolId);
    }

    @Override
    public long insert(NewVm vm, int vmid, byte[] guestPasswordCiphertext) {
        VmHardware hw = vm.hardware();
        FlavourSpec s = hw.spec();
        DiskLimits d = hw.diskLimits();
        String sql = "INSERT INTO vm (node_id, vmid, hostname, flavour_id, sockets, cores, threads, nested,"
                + " devirtualization, kvm, cpu_model_id, model_group_id, cpu, cpu_units, args, arch, acpi, memory_mb,"
                + " agent, bwlimit_kbps, flow_limit_bytes, guest_username, guest_password_enc, os_image_id, os_file_name,"
                + " os_name, os_type, on_boot, bandwidth_mbps, storage, system_disk_gb, disk_mbps_rd, disk_mbps_rd_max,"
                + " disk_mbps_wr, disk_mbps_wr_max, disk_iops_rd, disk_iops_rd_max, disk_iops_wr, disk_iops_wr_max,"
                + " data_disk, bridge, ip_config, nat, status, expires_at, idempotency_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, '{}'::jsonb, ?, ?, ?, ?) RETURNING id";
        return one(sql, rs -> rs.getLong(1), vm.nodeId(), vmid, vm.hostnameOrPlaceholder(vmid), vm.flavourId(),
                s.sockets(), s.cores(), s.threads(), s.nested(), s.devirtualization(), s.kvm(), s.cpuModelId(),
                s.modelGroupId(), s.cpu(), s.cpuUnits(), vm.args(), s.arch(), s.acpi(), s.memoryMb(), hw.bwlimitKbps(),
                vm.flowLimitBytes(), vm.guest().username(), guestPasswordCiphertext, vm.image().id(),
                vm.image().fileName(), vm.image().name(), vm.guest().osType(), s.onBoot(), s.bandwidthMbps(),
                hw.storage(), vm.guest().systemDiskGb(), d.mbpsRd(), d.mbpsRdMax(), d.mbpsWr(), d.mbpsWrMax(),
                d.iopsRd(), d.iopsRdMax(), d.iopsWr(), d.iopsWrMax(), s.dataDisks().json(), vm.bridge(), vm.nat(),
                VmState.CREATING.code(), vm.expiresAt().atOffset(ZoneOffset.UTC), vm.idempotencyKey())
                .orElseThrow();
    }

    @Override
    public void completeNetwork(long vmId, String hostname, Map<String, String> ipConfig, IpAddress dns1) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "UPDATE vm SET hostname = ?, ip_config = ?::jsonb, dns1 = ?::inet,"
                     + " updated_at = now() WHERE id = ?", hostname, JsonColumns.write(ipConfig),
                     dns1 == null ? null : dns1.toString(), vmId)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing the network of VM " + vmId + " failed", e);
        }
    }

    @Override
    public Optional<StoredVm> find(long vmId) {
        return one(VM, rs -> {
            Map<String, String> ipConfig = new LinkedHashMap<>();
            JsonColumns.read(rs.getString("ip_config")).forEach((k, v) -> ipConfig.put(k, String.valueOf(v)));
            return new StoredVm(rs.getLong("id"), rs.getLong("node_id"), rs.getInt("vmid"), rs.getString("hostname"),
                    longOrNull(rs, "flavour_id"), rs.getInt("sockets"), rs.getInt("cores"), rs.getInt("threads"),
                    rs.getBoolean("nested"), rs.getBoolean("devirtualization"), rs.getBoolean("kvm"),
                    longOrNull(rs, "cpu_model_id"), longOrNull(rs, "model_group_id"), rs.getString("cpu"),
                    rs.getInt("cpu_units"), rs.getInt("bwlimit_kbps"), rs.getString("args"), rs.getString("arch"),
                    rs.getBoolean("acpi"), rs.getInt("memory_mb"), rs.getString("storage"), rs.getInt("system_disk_gb"),
                    rs.getString("data_disk"), rs.getString("bridge"), ipConfig, rs.getString("dns1"),
                    rs.getString("os_file_name"), rs.getString("os_name"), rs.getString("os_type"),
                    rs.getBoolean("on_boot"), rs.getInt("bandwidth_mbps"), rs.getString("guest_username"),
                    rs.getBytes("guest_password_enc"), rs.getInt("status"),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getLong("flow_limit_bytes"),
                    rs.getBoolean("nat"));
        }, vmId);
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("VM create query failed", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
