package com.pveams.adapters.persistence.image;

import com.pveams.application.port.out.image.OsImageRepository;
import com.pveams.domain.image.DownloadType;
import com.pveams.domain.image.ImageChecksum;
import com.pveams.domain.image.ImageDirectory;
import com.pveams.domain.image.ImageField;
import com.pveams.domain.image.ImageFileName;
import com.pveams.domain.image.ImageKind;
import com.pveams.domain.image.ImageSpec;
import com.pveams.domain.image.ImageStatus;
import com.pveams.domain.image.OsImage;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code os_image} rows over plain JDBC (the connection joins the caller's transaction). Filters are built from a
 * fixed column per {@link ImageField}, with the value always bound as a parameter.
 */
@ApplicationScoped
public class OsImagePersistenceAdapter implements OsImageRepository {
    private static final String COLUMNS = "id, name, file_name, type, arch, os_type, download_type, url, path, cloud_init,"
            + " status, reason, size_bytes, checksum_algorithm, checksum_value, created_at";

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    public OsImagePersistenceAdapter(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<OsImage> insertIfFree(OsImage image) {
        ImageSpec s = image.spec();
        // no conflict target: either unique key (name, file_name) taken means "not inserted", and the transaction
        // stays usable
        String sql = "INSERT INTO os_image (name, file_name, type, arch, os_type, download_type, url, path, cloud_init,"
                + " status, reason, size_bytes, checksum_algorithm, checksum_value, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING " + COLUMNS;
        return one(sql, "insert an image", s.name(), s.fileName().value(), s.kind().code(), s.arch(), s.osType(),
                (short) s.downloadType().code(), s.url(), s.path().value(), s.cloudInit(), (short) image.status().code(),
                image.reason(), image.sizeBytes(), algorithm(s.checksum()), hex(s.checksum()), image.createdAt(),
                image.createdAt());
    }

    @Override
    public Optional<OsImage> findById(long id) {
        return one("SELECT " + COLUMNS + " FROM os_image WHERE id = ?", "read an image", id);
    }

    @Override
    public Optional<OsImage> lockById(long id) {
        return one("SELECT " + COLUMNS + " FROM os_image WHERE id = ? FOR UPDATE", "lock an image", id);
    }

    @Override
    public boolean nameTaken(String name, Long exceptId) {
        return exists("SELECT 1 FROM os_image WHERE name = ? AND id <> ?", name, exceptId == null ? 0L : exceptId);
    }

    @Override
    public boolean fileNameTaken(String fileName, Long exceptId) {
        return exists("SELECT 1 FROM os_image WHERE file_name = ? AND id <> ?", fileName, exceptId == null ? 0L : exceptId);
    }

    @Override
    public List<OsImage> findByFileNames(Collection<String> fileNames) {
        if (fileNames.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM os_image WHERE file_name = ANY (?)")) {
            Array names = c.createArrayOf("varchar", fileNames.toArray());
            ps.setArray(1, names);
            return list(ps);
        } catch (SQLException e) {
            throw Jdbc.failure("read images by file name", e);
        }
    }

    @Override
    public Page<OsImage> page(PageRequest request) {
        return page("", request);
    }

    @Override
    public Page<OsImage> search(ImageField.Filter filter, PageRequest request) {
        if (filter.field().flag()) {
            String column = switch (filter.field()) {
                case DOWN_TYPE -> "download_type = ?";
                case CLOUD -> "cloud_init = ?";
                default -> throw new IllegalArgumentException(filter.field().name());
            };
            Object value = filter.field() == ImageField.CLOUD ? (Object) (filter.flagValue() == 1) : (Object) (short) filter.flagValue();
            return page(" WHERE " + column, request, value);
        }
        String column = switch (filter.field()) {
            case NAME -> "name";
            case FILE_NAME -> "file_name";
            case TYPE -> "type";
            case ARCH -> "arch";
            case OS_TYPE -> "os_type";
            case URL -> "url";
            case PATH -> "path";
            default -> throw new IllegalArgumentException(filter.field().name());
        };
        String pattern = "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return page(" WHERE " + column + " ILIKE ? ESCAPE '\\'", request, pattern);
    }

    private Page<OsImage> page(String where, PageRequest request, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM os_image" + where)) {
                Jdbc.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Object> all = new ArrayList<>(List.of(params));
            all.add(request.size());
            all.add(request.offset());
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM os_image" + where
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                Jdbc.bind(ps, all.toArray());
                return new Page<>(list(ps), total, request.page(), request.size());
            }
        } catch (SQLException e) {
            throw Jdbc.failure("page images", e);
        }
    }

    @Override
    public void update(OsImage image) {
        ImageSpec s = image.spec();
        // download_type and size_bytes are not written: they never change through an edit
        execute("UPDATE os_image SET name = ?, file_name = ?, type = ?, arch = ?, os_type = ?, url = ?, path = ?,"
                        + " cloud_init = ?, status = ?, reason = ?, checksum_algorithm = ?, checksum_value = ?, updated_at = ?"
                        + " WHERE id = ?", "update an image",
                s.name(), s.fileName().value(), s.kind().code(), s.arch(), s.osType(), s.url(), s.path().value(),
                s.cloudInit(), (short) image.status().code(), image.reason(), algorithm(s.checksum()), hex(s.checksum()),
                clock.instant(), image.id());
    }

    @Override
    public void recordSizeIfUnknown(long id, long sizeBytes) {
        execute("UPDATE os_image SET size_bytes = ?, updated_at = ? WHERE id = ? AND size_bytes IS NULL",
                "record an image size", sizeBytes, clock.instant(), id);
    }

    @Override
    public boolean delete(long id) {
        return execute("DELETE FROM os_image WHERE id = ?", "delete an image", id) > 0;
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private Optional<OsImage> one(String sql, String what, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            return list(ps).stream().findFirst();
        } catch (SQLException e) {
            throw Jdbc.failure(what, e);
        }
    }

    private boolean exists(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("check an image name", e);
        }
    }

    private int execute(String sql, String what, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(what, e);
        }
    }

    private static List<OsImage> list(PreparedStatement ps) throws SQLException {
        List<OsImage> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(toDomain(rs));
            }
        }
        return out;
    }

    private static OsImage toDomain(ResultSet rs) throws SQLException {
        ImageSpec spec = new ImageSpec(rs.getString("name"), new ImageFileName(rs.getString("file_name")),
                ImageKind.parse(rs.getString("type"), "type"), rs.getString("arch"), rs.getString("os_type"),
                DownloadType.of((int) rs.getShort("download_type"), "downType"), rs.getString("url"),
                ImageDirectory.of(rs.getString("path")), rs.getBoolean("cloud_init"),
                ImageChecksum.ofNullable(rs.getString("checksum_algorithm"), rs.getString("checksum_value")));
        return new OsImage(rs.getLong("id"), spec, ImageStatus.of(rs.getShort("status"), "status"),
                rs.getString("reason"), Jdbc.longOrNull(rs, "size_bytes"), Jdbc.instant(rs, "created_at"));
    }

    private static String algorithm(ImageChecksum c) {
        return c == null ? null : c.algorithm().name();
    }

    private static String hex(ImageChecksum c) {
        return c == null ? null : c.hex();
    }
}
