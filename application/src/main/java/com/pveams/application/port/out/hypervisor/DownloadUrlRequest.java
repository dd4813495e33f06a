package com.pveams.application.port.out.hypervisor;

import java.util.Objects;

/**
 * {@code POST /nodes/{node}/storage/{storage}/download-url}. {@code content} is iso, vztmpl or import;
 * checksum fields and compression (gz, lzo, zst, bz2) are optional.
 */
public record DownloadUrlRequest(String storage, String url, String filename, String content, String checksum,
                                 String checksumAlgorithm, String compression, boolean verifyCertificates) {
    public DownloadUrlRequest {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
        if ((checksum == null) != (checksumAlgorithm == null)) {
            throw new IllegalArgumentException("checksum and checksumAlgorithm go together");
        }
    }

    public static DownloadUrlRequest of(String storage, String url, String filename, String content) {
        return new DownloadUrlRequest(storage, url, filename, content, null, null, null, true);
    }
}
