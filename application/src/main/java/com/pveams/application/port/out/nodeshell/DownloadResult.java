package com.pveams.application.port.out.nodeshell;

/**
 * A completed download.
 *
 * @param path      absolute path of the file on the node
 * @param sizeBytes bytes written
 * @param checksum  the digest of the file as computed on the node (the expected algorithm, or SHA-256)
 */
public record DownloadResult(String path, long sizeBytes, Checksum checksum) {
}
