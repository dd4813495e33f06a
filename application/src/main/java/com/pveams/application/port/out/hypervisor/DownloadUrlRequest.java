package com.pveams.application.port.out.hypervisor;

import com.pveams.domain.image.ImageFileName;
import com.pveams.domain.pve.StorageId;

import java.util.Objects;

/**
 * {@code POST /nodes/{node}/storage/{storage}/download-url}. {@code content} is iso, vztmpl or import;
 * checksum fields and compression (gz, lzo, zst, bz2) are optional. The adapter sends {@code url} only if it passes
 * the same download-target (SSRF) policy as the node shell's downloads; otherwise the call fails with
 * {@code VALIDATION} on {@code url} and nothing reaches the node.
 */
public record DownloadUrlRequest(String storage, String url, String filename, String content, String checksum,
                                 String checksumAlgorithm, String compression, boolean verifyCertificates) {
    public DownloadUrlRequest {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
        StorageId.check("storage", storage);
        filename = new ImageFileName(filename).value();
        if ((checksum == null) != (checksumAlgorithm == null)) {
            throw new IllegalArgumentException("checksum and checksumAlgorithm go together");
        }
    }

    /** The same request for another URL (the adapter passes on the URL rebuilt from the parts it checked). */
    public DownloadUrlRequest withUrl(String otherUrl) {
        return new DownloadUrlRequest(storage, otherUrl, filename, content, checksum, checksumAlgorithm, compression,
                verifyCertificates);
    }

    public static DownloadUrlRequest of(String storage, String url, String filename, String content) {
        return new DownloadUrlRequest(storage, url, filename, content, null, null, null, true);
    }
}
