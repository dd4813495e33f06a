package com.pveams.application.port.out.image;

import com.pveams.domain.image.ImageDownload;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code os_image_node} rows. Every write that continues a download is conditional on the row still being a running
 * download of the expected owner, so a replica that lost a download to another one can no longer change it.
 */
public interface ImageDownloadRepository {
    Optional<ImageDownload> find(long imageId, long nodeId);

    /** Rows of these images by image id, ordered by node id. */
    Map<Long, List<StoredDownload>> forImages(Collection<Long> imageIds);

    /**
     * Writes a download that has just started (or an upload just recorded), unless the row meanwhile became a
     * running or completed download: of two concurrent starts, one wins. Returns whether this one did.
     */
    boolean claim(ImageDownload download);

    /** Saves a running download's progress or end if {@code owner} still owns it; false when it does not. */
    boolean saveIfOwned(ImageDownload download, String owner);

    /** Renews the heartbeat of every running download of {@code owner}. */
    int heartbeat(String owner, Instant now);

    /** Running downloads whose heartbeat is not after {@code staleBefore}, oldest first. */
    List<ImageDownload> orphans(Instant staleBefore, int limit);

    /** Compare-and-set takeover: only if the row still has the owner and heartbeat it was read with. */
    boolean adoptIfUnchanged(ImageDownload adopted, String previousOwner, Instant previousHeartbeat);
}
