package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An image file on one node, as a small state machine:
 * <pre>
 *   NOT_DOWNLOADED ─start→ DOWNLOADING ─complete→ DOWNLOADED
 *   FAILED ─start→ DOWNLOADING ─fail→ FAILED
 * </pre>
 * Only a running download reports progress (0–99, never backwards; 100 only by completing), only a completed one is
 * usable, and it is usable only where its file is ({@code location}). A download in progress belongs to one replica
 * ({@code owner}) that proves it is alive by a heartbeat; once the heartbeat is older than the stale limit, the
 * download is an orphan that another replica resumes (a PVE task can be waited for again) or fails.
 */
public final class ImageDownload {
    public static final int MAX_REASON = 1024;

    private final long imageId;
    private final long nodeId;
    private DownloadState state;
    private int progress;
    private String reason;
    private String owner;
    private Instant heartbeatAt;
    private DownloadMethod method;
    private String upid;
    private String location;
    private Instant updatedAt;

    public ImageDownload(long imageId, long nodeId, DownloadState state, int progress, String reason, String owner,
                         Instant heartbeatAt, DownloadMethod method, String upid, String location, Instant updatedAt) {
        this.imageId = imageId;
        this.nodeId = nodeId;
        this.state = Objects.requireNonNull(state, "state");
        this.progress = progress;
        this.reason = reason;
        this.owner = owner;
        this.heartbeatAt = heartbeatAt;
        this.method = method;
        this.upid = upid;
        this.location = location;
        this.updatedAt = updatedAt;
    }

    public static ImageDownload notDownloaded(long imageId, long nodeId, Instant now) {
        return new ImageDownload(imageId, nodeId, DownloadState.NOT_DOWNLOADED, 0, null, null, null, null, null, null, now);
    }

    /** Starts (or retries after a failure) a download owned by {@code owner}. */
    public void start(String owner, Instant now) {
        refuseIfPresent();
        this.state = DownloadState.DOWNLOADING;
        this.progress = 0;
        this.reason = null;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.heartbeatAt = now;
        this.method = null;
        this.upid = null;
        this.location = null;
        this.updatedAt = now;
    }

    /** Records that the file was put there by hand: usable at once. */
    public void recordUpload(String location, Instant now) {
        refuseIfPresent();
        complete(DownloadMethod.MANUAL, location, now, true);
    }

    /**
     * Notes how the file is being fetched and where it will be ({@code target}); the file there counts only once
     * the download completes.
     */
    public void useMethod(DownloadMethod method, String upid, String target, Instant now) {
        requireRunning();
        this.method = Objects.requireNonNull(method, "method");
        this.upid = upid;
        this.location = target;
        this.heartbeatAt = now;
        this.updatedAt = now;
    }

    /** Progress as reported by the transfer; kept within 0–99 and never moved backwards. */
    public boolean report(double percent, Instant now) {
        requireRunning();
        int p = (int) Math.floor(Math.max(0, Math.min(99, percent)));
        heartbeatAt = now;
        if (p <= progress) {
            return false;
        }
        progress = p;
        updatedAt = now;
        return true;
    }

    public void complete(DownloadMethod method, String location, Instant now) {
        complete(method, location, now, false);
    }

    private void complete(DownloadMethod method, String location, Instant now, boolean manual) {
        if (!manual) {
            requireRunning();
        }
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a downloaded file has a location");
        }
        this.state = DownloadState.DOWNLOADED;
        this.progress = 100;
        this.method = Objects.requireNonNull(method, "method");
        this.location = location;
        this.reason = null;
        this.owner = null;
        this.heartbeatAt = null;
        this.updatedAt = now;
    }

    /** Ends the download unusable, whatever got written: the file is not marked anywhere. */
    public void fail(String why, Instant now) {
        requireRunning();
        this.state = DownloadState.FAILED;
        this.reason = cut(why == null || why.isBlank() ? "download failed" : why);
        this.owner = null;
        this.heartbeatAt = null;
        this.location = null;
        this.updatedAt = now;
    }

    /** A download whose owner has not shown a sign of life for {@code staleAfter}. */
    public boolean orphaned(Instant now, Duration staleAfter) {
        return state == DownloadState.DOWNLOADING && heartbeatAt != null && !heartbeatAt.plus(staleAfter).isAfter(now);
    }

    /** Whether a new owner can pick up where the old one stopped (a PVE task keeps running without us). */
    public boolean resumable() {
        return state == DownloadState.DOWNLOADING && method == DownloadMethod.PVE && upid != null;
    }

    /** Another replica takes over an orphan. */
    public void adopt(String newOwner, Instant now) {
        requireRunning();
        this.owner = Objects.requireNonNull(newOwner, "newOwner");
        this.heartbeatAt = now;
        this.updatedAt = now;
    }

    private void refuseIfPresent() {
        if (state == DownloadState.DOWNLOADING) {
            throw DomainException.failure("该镜像正在下载到此节点", "The image is already being downloaded to this node");
        }
        if (state == DownloadState.DOWNLOADED) {
            throw DomainException.failure("该节点已存在此镜像", "The image is already on this node");
        }
    }

    private void requireRunning() {
        if (state != DownloadState.DOWNLOADING) {
            throw new IllegalStateException("download of image " + imageId + " on node " + nodeId + " is " + state);
        }
    }

    private static String cut(String s) {
        if (s.length() <= MAX_REASON) {
            return s;
        }
        int end = MAX_REASON;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    public long imageId() { return imageId; }
    public long nodeId() { return nodeId; }
    public DownloadState state() { return state; }
    public int progress() { return progress; }
    public String reason() { return reason; }
    public String owner() { return owner; }
    public Instant heartbeatAt() { return heartbeatAt; }
    public DownloadMethod method() { return method; }
    public String upid() { return upid; }
    public String location() { return location; }
    public Instant updatedAt() { return updatedAt; }
}
