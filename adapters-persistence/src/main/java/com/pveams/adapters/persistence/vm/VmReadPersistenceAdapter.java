package com.pveams.adapters.persistence.vm;

import com.pveams.adapters.persistence.JsonColumns;
import com.pveams.application.port.out.vm.VmReader;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.vm.VmSearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vm} rows with their node, region and image, over plain JDBC (the connection joins the caller's
 * transaction). A page is one count and one select, never a query per VM; the select picks the page's ids on
 * {@code vm} alone first (an index walk, V30) and joins only those rows, so a deep page does not join and discard
 * every row before it. Search filters are a fixed SQL fragment per {@link VmSearch.Field}, the value always bound.
 */
@ApplicationScoped
public class VmReadPersistenceAdapter implements VmReader {
    private static final String COLUMNS = """
            SELECT v.id, v.node_id, n.name AS node_name, r.name AS region_name, v.vmid, v.hostname, v.flavour_id,
                   v.sockets, v.cores, v.threads, v.devirtualization, v.kvm, v.cpu_model_id, v.model_group_id, v.cpu,
                   v.cpu_units, v.bwlimit_kbps, v.args, v.arch, v.acpi, v.memory_mb, v.agent, v.guest_username,
                   v.guest_password_enc, v.os_file_name, v.os_name, v.os_type, v.on_boot, v.bandwidth_mbps, v.storage,
                   v.system_disk_gb, CAST(v.data_disk AS text) AS data_disk, v.bridge,
                   CAST(v.ip_config AS text) AS ip_config, v.nested, v.nat, v.nat_rule_limit, v.status,
                   v.delete_state, v.created_at, v.expires_at,
                   o.id AS o_id, o.name AS o_name, o.file_name AS o_file_name, o.type AS o_type, o.arch AS o_arch,
                   o.os_type AS o_os_type, o.download_type AS o_download_type, o.url AS o_url, o.path AS o_path,
                   o.cloud_init AS o_cloud_init, o.status AS o_status, o.created_at AS o_created_at
            """;
    private static final String JOINS = """
            LEFT JOIN node n ON n.id = v.node_id
            LEFT JOIN region r ON r.id = n.region_id
            LEFT JOIN os_image o ON o.id = v.os_image_id
            """;
    private static final String SELECT = COLUMNS + "FROM vm v\n" + JOINS;

    private final DataSource dataSource;

    @Inject
    public VmReadPersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Page<StoredVm> page(VmSearch search, boolean newestFirst, PageRequest request) {
        List<Object> params = new ArrayList<>();
        String where = " WHERE v.delete_state = 0" + filter(search, params);
        long total = ((Number) single("SELECT count(*) FROM vm v" + where, params)).longValue();
        List<StoredVm> records = List.of();
        if (total > request.offset()) {
            String order = newestFirst ? " ORDER BY v.created_at DESC, v.id DESC" : " ORDER BY v.id";
            records = list(pageOf("SELECT v.id FROM vm v" + where + order, order), paged(params, request));
        }
        return new Page<>(records, total, request.page(), request.size());
    }

    @Override
    public Page<StoredVm> deletedPage(PageRequest request) {
        String where = " WHERE v.delete_state IN (1, 2)";
        long total = ((Number) single("SELECT count(*) FROM vm v" + where, List.of())).longValue();
        String order = " ORDER BY v.id";
        List<StoredVm> records = total > request.offset()
                ? list(pageOf("SELECT v.id FROM vm v" + where + order, order), paged(List.of(), request))
                : List.of();
        return new Page<>(records, total, request.page(), request.size());
    }

    /** The page's ids from {@code ids} (ordered, to be limited), then their rows with the joins, in that order. */
    private static String pageOf(String ids, String order) {
        return COLUMNS + "FROM (" + ids + " LIMIT ? OFFSET ?) p\nJOIN vm v ON v.id = p.id\n" + JOINS + order;
    }

    private static List<Object> paged(List<Object> params, PageRequest request) {
        List<Object> all = new ArrayList<>(params);
        all.add(request.size());
        all.add(request.offset());
        return all;
    }

    @Override
    public Optional<StoredVm> byId(long id) {
        return list(SELECT + " WHERE v.id = ? AND v.delete_state <> 2", List.of(id)).stream().findFirst();
    }

    @Override
    public List<StoredVm> byVmid(int vmid) {
        return list(SELECT + " WHERE v.vmid = ? AND v.delete_state <> 2 ORDER BY v.id", List.of(vmid));
    }

    @Override
    public long countLive() {
        return ((Number) single("SELECT count(*) FROM vm WHERE delete_state = 0", List.of())).longValue();
    }

    @Override
    public long countLive(int status) {
        return ((Number) single("SELECT count(*) FROM vm WHERE delete_state = 0 AND status = ?",
                List.of((short) status))).longValue();
    }

    private static String filter(VmSearch search, List<Object> params) {
        if (search == null) {
            return "";
        }
        return switch (search.field()) {
            case HOSTNAME -> {
                params.add(search.text());
                yield " AND lower(v.hostname) = ?";
            }
            case VMID -> {
                params.add((int) search.number());
                yield " AND v.vmid = ?";
            }
            case NODE -> {
                params.add(search.number());
                yield " AND v.node_id = ?";
            }
            case STATUS -> {
                params.add((short) search.number());
                yield " AND v.status = ?";
            }
            case IP -> {
                // an address the VM holds, or one its cloud-init configuration shows (the text is canonical:
                // this service renders it from typed addresses)
                params.add(search.text());
                params.add("ip=" + search.text() + "/");
                params.add("ip6=" + search.text() + "/");
                yield " AND (EXISTS (SELECT 1 FROM ip_address a WHERE a.vm_id = v.id AND a.address = CAST(? AS inet))"
                        + " OR EXISTS (SELECT 1 FROM jsonb_each_text(v.ip_config) c"
                        + " WHERE strpos(c.value, ?) > 0 OR strpos(c.value, ?) > 0))";
            }
        };
    }

    private Object single(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count VMs", e);
        }
    }

    private List<StoredVm> list(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            List<StoredVm> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read VMs", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    private static StoredVm map(ResultSet rs) throws SQLException {
        long imageId = rs.getLong("o_id");
        StoredImage image = rs.wasNull() ? null : new StoredImage(imageId, rs.getString("o_name"),
                rs.getString("o_file_name"), rs.getString("o_type"), rs.getString("o_arch"), rs.getString("o_os_type"),
                rs.getInt("o_download_type"), rs.getString("o_url"), rs.getString("o_path"),
                rs.getBoolean("o_cloud_init"), rs.getInt("o_status"), instant(rs, "o_created_at"));
        return new StoredVm(rs.getLong("id"), longOrNull(rs, "node_id"), rs.getString("node_name"),
                rs.getString("region_name"), rs.getInt("vmid"), rs.getString("hostname"), longOrNull(rs, "flavour_id"),
                rs.getInt("sockets"), rs.getInt("cores"), rs.getInt("threads"), rs.getBoolean("devirtualization"),
                rs.getBoolean("kvm"), longOrNull(rs, "cpu_model_id"), longOrNull(rs, "model_group_id"),
                rs.getString("cpu"), rs.getInt("cpu_units"), rs.getInt("bwlimit_kbps"), rs.getString("args"),
                rs.getString("arch"), rs.getBoolean("acpi"), rs.getInt("memory_mb"), rs.getBoolean("agent"),
                rs.getString("guest_username"), rs.getBytes("guest_password_enc"), rs.getString("os_file_name"),
                rs.getString("os_name"), rs.getString("os_type"), rs.getBoolean("on_boot"),
                rs.getInt("bandwidth_mbps"), rs.getString("storage"), rs.getInt("system_disk_gb"),
                JsonColumns.read(rs.getString("data_disk")), rs.getString("bridge"),
                strings(JsonColumns.read(rs.getString("ip_config"))), rs.getBoolean("nested"), rs.getBoolean("nat"),
                rs.getInt("nat_rule_limit"), rs.getInt("status"), rs.getInt("delete_state"),
                instant(rs, "created_at"), instant(rs, "expires_at"), image);
    }

    /** {@code ck_vm_ip_config} admits string values only. */
    private static Map<String, String> strings(Map<String, Object> json) {
        Map<String, String> out = new LinkedHashMap<>();
        json.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
