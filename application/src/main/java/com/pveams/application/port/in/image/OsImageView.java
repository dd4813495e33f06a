package com.pveams.application.port.in.image;

import java.time.Instant;
import java.util.List;

/**
 * An image as the admin API shows it, with its file's state on every node it was sent to.
 *
 * @param size the legacy size string ("597MB"), null while unknown
 */
public record OsImageView(long id, String name, String fileName, String type, String arch, String osType, int downType,
                          String url, String path, boolean cloudInit, int status, String reason, Long sizeBytes,
                          String size, String checksumAlgorithm, String checksum, String pveOsType, Instant createdAt,
                          List<NodeFile> nodes) {
    public OsImageView {
        nodes = List.copyOf(nodes);
    }

    /** The file on one node: state 0 not downloaded, 1 downloading, 2 downloaded, 3 failed; progress 0–100. */
    public record NodeFile(long nodeId, String nodeName, int state, int progress, String reason, String method,
                           Instant updatedAt) {
    }
}
