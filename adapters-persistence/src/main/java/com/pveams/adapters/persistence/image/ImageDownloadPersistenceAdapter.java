package com.pveams.adapters.persistence.image;

import com.pveams.application.port.out.image.ImageDownloadRepository;
import com.pveams.application.port.out.image.StoredDownload;
import com.pveams.domain.image.DownloadMethod;
import com.pveams.domain.image.DownloadState;
import com.pveams.domain.image.ImageDownload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code os_image_node} rows over plain JDBC. Outside a transaction (the download workers) every statement commits
 * by itself, and every write that continues a download is a compare-and-set on (state, owner), so a replica that
 * lost a download to recovery cannot overwrite the new owner's progress.
 */
@ApplicationScoped
public class ImageDownloadPersistenceAdapter implements ImageDownloadRepository {
    private static final String COLUMNS = "n.os_image_id, n.node_id, n.state, n.progress, n.reason, n.owner,"
            + " n.heartbeat_at, n.method, n.upid, n.location, n.updated_at";

    private final DataSource dataSource;

    @Inject
    public ImageDownloadPersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<ImageDownload> find(long imageId, long nodeId) {
        return query("SELECT " + COLUMNS + " FROM os_image_node n WHERE n.os_image_id = ? AND n.node_id = ?",
                imageId, nodeId).stream().findFirst();
    }

    @Override
    public Map<Long, List<StoredDownload>> forImages(Collection<Long> imageIds) {
        Map<Long, List<StoredDownload>> out = new LinkedHashMap<>();
        if (imageIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + ", node.name AS node_name FROM os_image_node n JOIN node ON node.id = n.node_id"
                        + " WHERE n.os_image_id = ANY (?) ORDER BY n.os_image_id, n.node_id")) {
            ps.setArray(1, c.createArrayOf("bigint", imageIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ImageDownload d = toDomain(rs);
                    out.computeIfAbsent(d.imageId(), k -> new ArrayList<>()).add(new StoredDownload(d, rs.getString("node_name")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Jdbc.failure("read image downloads", e);
        }
    }

    @Override
    public boolean claim(ImageDownload d) {
        // the row may exist (not downloaded, or failed): only those states may be overwritten by a new start
        return !query("INSERT INTO os_image_node AS n (os_image_id, node_id, state, progress, reason, owner, heartbeat_at,"
                        + " method, upid, location, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (os_image_id, node_id) DO UPDATE SET state = excluded.state,"
                        + " progress = excluded.progress, reason = excluded.reason, owner = excluded.owner,"
                        + " heartbeat_at = excluded.heartbeat_at, method = excluded.method, upid = excluded.upid,"
                        + " location = excluded.location, updated_at = excluded.updated_at"
                        + " WHERE n.state IN (0, 3) RETURNING " + COLUMNS,
                values(d)).isEmpty();
    }

    @Override
    public boolean saveIfOwned(ImageDownload d, String owner) {
        List<Object> params = new ArrayList<>(Arrays.asList(values(d)).subList(2, 11)); // nulls allowed
        params.add(d.imageId());
        params.add(d.nodeId());
        params.add(owner);
        return update("UPDATE os_image_node SET state = ?, progress = ?, reason = ?, owner = ?, heartbeat_at = ?,"
                + " method = ?, upid = ?, location = ?, updated_at = ?"
                + " WHERE os_image_id = ? AND node_id = ? AND state = 1 AND owner = ?", params.toArray()) > 0;
    }

    @Override
    public int heartbeat(String owner, Instant now) {
        return update("UPDATE os_image_node SET heartbeat_at = ? WHERE state = 1 AND owner = ?", now, owner);
    }

    @Override
    public List<ImageDownload> orphans(Instant staleBefore, int limit) {
        return query("SELECT " + COLUMNS + " FROM os_image_node n WHERE n.state = 1 AND n.heartbeat_at <= ?"
                + " ORDER BY n.heartbeat_at LIMIT ?", staleBefore, limit);
    }

    @Override
    public boolean adoptIfUnchanged(ImageDownload adopted, String previousOwner, Instant previousHeartbeat) {
        return update("UPDATE os_image_node SET owner = ?, heartbeat_at = ?, updated_at = ?"
                        + " WHERE os_image_id = ? AND node_id = ? AND state = 1 AND owner = ? AND heartbeat_at = ?",
                adopted.owner(), adopted.heartbeatAt(), adopted.updatedAt(), adopted.imageId(), adopted.nodeId(),
                previousOwner, previousHeartbeat) > 0;
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private static Object[] values(ImageDownload d) {
        return new Object[]{d.imageId(), d.nodeId(), (short) d.state().code(), (short) d.progress(), d.reason(),
                d.owner(), d.heartbeatAt(), d.method() == null ? null : d.method().name(), d.upid(), d.location(),
                d.updatedAt()};
    }

    private List<ImageDownload> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            List<ImageDownload> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(toDomain(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Jdbc.failure("read or write image downloads", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("write an image download", e);
        }
    }

    private static ImageDownload toDomain(ResultSet rs) throws SQLException {
        String method = rs.getString("method");
        return new ImageDownload(rs.getLong("os_image_id"), rs.getLong("node_id"), DownloadState.of(rs.getShort("state")),
                rs.getShort("progress"), rs.getString("reason"), rs.getString("owner"), Jdbc.instant(rs, "heartbeat_at"),
                method == null ? null : DownloadMethod.valueOf(method), rs.getString("upid"), rs.getString("location"),
                Jdbc.instant(rs, "updated_at"));
    }
}
