package com.pveams.bootstrap.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rows that tests need but do not own (nodes are registered through node management, which checks them against
 * PVE; VMs through provisioning): inserted directly in SQL, each with a unique name and endpoint, plus small
 * readers. Secrets are placeholder bytes of ciphertext length.
 */
public final class InventoryRows {
    private static final AtomicInteger NEXT = new AtomicInteger(1);
    private static final byte[] FAKE_CIPHERTEXT = new byte[32];

    private final DataSource db;

    public InventoryRows(DataSource db) {
        this.db = db;
    }

    /** A node row in {@code regionId} (null = none); returns its id. */
    public long node(Long regionId) {
        int n = NEXT.getAndIncrement();
        return count("INSERT INTO node (name, region_id, host, auth_mode, username, api_secret_enc, tls_trust_mode)"
                        + " VALUES (?, ?, ?, 'PASSWORD', 'root', ?, 'CA') RETURNING id",
                unique("test-node"), regionId, "198.51." + (n / 250) + "." + (1 + n % 250), FAKE_CIPHERTEXT);
    }

    /** A live VM on the node with the given PVE vmid; returns its id. */
    public long vm(long nodeId, int vmid) {
        return count("""
                INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc, os_file_name, os_name,
                                os_type, storage, system_disk_gb, bridge, expires_at)
                VALUES (?, ?, ?, 'root', ?, 'debian-12.qcow2', 'Debian 12', 'linux', 'local', 10, 'vmbr0',
                        now() + interval '30 days') RETURNING id""",
                nodeId, vmid, "vm-" + vmid + "-" + NEXT.getAndIncrement(), FAKE_CIPHERTEXT);
    }

    // --- VM read side (issue 8): nodes that answer, VMs with the fields the read endpoints show

    /**
     * A node row reaching a real PVE endpoint (the simulator): password login as {@code root@pam} with the given
     * ciphertext, the certificate pinned; returns its id.
     */
    public long pveNode(Long regionId, int apiPort, String pveNodeName, byte[] passwordEnc, String fingerprint) {
        return count("INSERT INTO node (name, region_id, host, api_port, pve_node_name, auth_mode, username, api_secret_enc,"
                        + " tls_trust_mode, tls_fingerprint) VALUES (?, ?, '127.0.0.1', ?, ?, 'PASSWORD', 'root', ?, 'PINNED', ?)"
                        + " RETURNING id",
                unique("vm-node"), regionId, apiPort, pveNodeName, passwordEnc, fingerprint);
    }

    /** A live VM with a given hostname, guest password ciphertext, ipconfig JSON object and status; returns its id. */
    public long vm(long nodeId, int vmid, String hostname, byte[] passwordEnc, String ipConfigJson, int status) {
        return count("""
                INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc, os_file_name, os_name,
                                os_type, storage, system_disk_gb, bridge, expires_at, ip_config, status, memory_mb,
                                cores)
                VALUES (?, ?, ?, 'root', ?, 'debian-12.qcow2', 'Debian 12', 'linux', 'local-lvm', 20, 'vmbr0',
                        now() + interval '30 days', CAST(? AS jsonb), ?, 1024, 2) RETURNING id""",
                nodeId, vmid, hostname, passwordEnc, ipConfigJson, (short) status);
    }

    /** Marks the address held by the VM, as an allocation would. */
    public void hold(long poolId, String address, long vmId) {
        execute("UPDATE ip_address SET status = 1, vm_id = ?, vm_delete_state = 0"
                + " WHERE pool_id = ? AND address = CAST(? AS inet)", vmId, poolId, address);
    }

    /** The single value of a one-row, one-column query; null when there is no row or the value is NULL. */
    public Object value(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    public String text(String sql, Object... params) {
        Object v = value(sql, params);
        return v == null ? null : v.toString();
    }

    public void execute(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- VM build (issue 8): a VM row as the create request leaves it, ready for ProvisioningPlan.create

    /** An image downloaded to the node at {@code location} (a PVE volume id or an absolute path); returns its id. */
    public long imageOnNode(long nodeId, String fileName, String type, String location) {
        long image = count("INSERT INTO os_image (name, file_name, type, os_type, download_type) VALUES (?, ?, ?, ?, 1)"
                + " RETURNING id", unique("image"), fileName, type, "windows".equals(type) ? "windows" : "debian");
        execute("INSERT INTO os_image_node (os_image_id, node_id, state, progress, method, location)"
                + " VALUES (?, ?, 2, 100, 'PVE', ?)", image, nodeId, location);
        return image;
    }

    /**
     * A complete VM row in status creating (6) as the create request writes it: every value final, the guest
     * password ciphertext, {@code ipConfigJson} slots, {@code dataDiskJson}, and a VMID reservation bound to it;
     * returns {@code {vmId, reservationId}}.
     */
    public long[] creatingVm(long nodeId, int vmid, long imageId, String osType, String username, byte[] passwordEnc,
                             String storage, int systemDiskGb, String dataDiskJson, String ipConfigJson,
                             int bandwidthMbps, int diskMbpsRd, int diskIopsWr) {
        String file = text("SELECT file_name FROM os_image WHERE id = ?", imageId);
        long vm = count("""
                INSERT INTO vm (node_id, vmid, hostname, guest_username, guest_password_enc, os_image_id, os_file_name,
                                os_name, os_type, storage, system_disk_gb, data_disk, bridge, ip_config, dns1,
                                bandwidth_mbps, disk_mbps_rd, disk_iops_wr, cpu, sockets, cores, memory_mb, cpu_units,
                                on_boot, status, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'Test image', ?, ?, ?, CAST(? AS jsonb), 'vmbr0', CAST(? AS jsonb),
                        CAST('1.1.1.1' AS inet), ?, ?, ?, 'x86-64-v2-AES', 1, 2, 1024, 1024, TRUE, 6,
                        now() + interval '30 days') RETURNING id""",
                nodeId, vmid, unique("build").replace('-', 'x'), username, passwordEnc, imageId, file, osType, storage,
                systemDiskGb, dataDiskJson, ipConfigJson, bandwidthMbps, diskMbpsRd, diskIopsWr);
        long reservation = count("INSERT INTO vmid_reservation (node_id, vmid, vm_id, reserved_until, vmid_space)"
                + " SELECT id, ?, ?, now() + interval '15 minutes', vmid_space FROM node WHERE id = ? RETURNING id",
                vmid, vm, nodeId);
        return new long[]{vm, reservation};
    }

    /** A name no other test uses, so tests sharing the database do not collide. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
