package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * An OS image the service can put on nodes. Its file's state on each node is an {@link ImageDownload}; the rules
 * that tie the two together (what may change while files exist) are here.
 */
public final class OsImage {
    private final Long id;
    private ImageSpec spec;
    private ImageStatus status;
    private String reason;
    private final Long sizeBytes;
    private final Instant createdAt;

    public OsImage(Long id, ImageSpec spec, ImageStatus status, String reason, Long sizeBytes, Instant createdAt) {
        this.id = id;
        this.spec = Objects.requireNonNull(spec, "spec");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason;
        this.sizeBytes = sizeBytes;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public static OsImage define(ImageSpec spec, Instant now) {
        return new OsImage(null, spec, ImageStatus.NORMAL, null, null, now);
    }

    /**
     * Applies an operator's edit. The download type and the measured size never change (the contract forbids it);
     * {@code requestedSize} and {@code requestedDownloadType} are what the client sent back, refused when they
     * differ. The file name and directory cannot change while the file exists on a node or is being fetched
     * (the file there would be orphaned), nor the URL while a download runs.
     */
    public void revise(ImageSpec revised, Integer requestedDownloadType, String requestedSize, ImageStatus newStatus,
                       Collection<ImageDownload> nodes) {
        if (requestedDownloadType != null && requestedDownloadType != spec.downloadType().code()) {
            throw DomainException.invalid("downType", "不允许修改", "cannot be changed");
        }
        if (requestedSize != null && !requestedSize.isBlank() && !requestedSize.strip().equals(ImageSize.human(sizeBytes))) {
            throw DomainException.invalid("size", "不允许修改", "cannot be changed");
        }
        boolean fileOnNodes = nodes.stream().anyMatch(d -> d.state() == DownloadState.DOWNLOADING || d.state() == DownloadState.DOWNLOADED);
        if (fileOnNodes && !revised.fileName().equals(spec.fileName())) {
            throw DomainException.invalid("fileName", "镜像已下载到节点，不能修改文件名", "cannot change while the file is on nodes");
        }
        if (fileOnNodes && !revised.path().equals(spec.path())) {
            throw DomainException.invalid("path", "镜像已下载到节点，不能修改路径", "cannot change while the file is on nodes");
        }
        boolean downloading = nodes.stream().anyMatch(d -> d.state() == DownloadState.DOWNLOADING);
        if (downloading && !Objects.equals(revised.url(), spec.url())) {
            throw DomainException.invalid("url", "镜像正在下载，不能修改地址", "cannot change while a download runs");
        }
        // the download type is kept, whatever the revised spec was parsed with
        ImageSpec kept = new ImageSpec(revised.name(), revised.fileName(), revised.kind(), revised.arch(), revised.osType(),
                spec.downloadType(), revised.url(), revised.path(), revised.cloudInit(), revised.checksum());
        if (kept.downloadType() == DownloadType.URL && kept.url() == null) {
            throw DomainException.invalid("url", "downType 为 0 时不能为空", "is required when downType is 0");
        }
        if (newStatus != null && newStatus != status) {
            status = newStatus;
            reason = newStatus == ImageStatus.NORMAL ? null : reason;
        }
        spec = kept;
    }

    /** Deleting removes the files from the nodes first; a download in progress would recreate one. */
    public void checkDeletable(Collection<ImageDownload> nodes) {
        if (nodes.stream().anyMatch(d -> d.state() == DownloadState.DOWNLOADING)) {
            throw DomainException.failure("镜像正在下载中，无法删除", "The image is being downloaded and cannot be deleted");
        }
    }

    public Long id() { return id; }
    public ImageSpec spec() { return spec; }
    public ImageStatus status() { return status; }
    public String reason() { return reason; }
    public Long sizeBytes() { return sizeBytes; }
    public Instant createdAt() { return createdAt; }
}
