package com.pveams.application.port.out.nodeshell;

import java.util.Objects;

/**
 * An image to fetch onto a node.
 *
 * @param url              http or https URL of the image
 * @param fileName         name of the file in the node's image directory (a plain file name, no directories)
 * @param expectedChecksum the digest the file must have, or {@code null} when the source publishes none; the
 *                         SHA-256 of the file is then computed and returned so it can be recorded
 */
public record DownloadRequest(String url, String fileName, Checksum expectedChecksum) {
    public DownloadRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fileName, "fileName");
    }
}
