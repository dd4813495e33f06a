package com.pveams.domain.image;

import java.util.Objects;

/**
 * One image of the online catalogue (legacy {@code os.json}: keyed by file name, with url, cloud-init flag, type,
 * arch and distro family), plus what the legacy file lacked: the published checksum when one is known, and where
 * the vendor publishes its checksums (informational; "latest" links change, so their digests are not pinned).
 */
public record CatalogueEntry(String fileName, String url, boolean cloudInit, String type, String arch, String osType,
                             ImageChecksum checksum, String checksumsUrl) {
    public CatalogueEntry {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(url, "url");
    }

    /** The image this entry becomes when an operator activates it: named after the file, downloaded from the URL. */
    public ImageSpec toSpec() {
        ImageFileName file = new ImageFileName(fileName);
        return ImageSpec.of(file.baseName(), fileName, type == null ? "linux" : type, arch, osType,
                DownloadType.URL.code(), url, null, cloudInit, checksum);
    }
}
