package com.pveams.application.port.out.image;

import com.pveams.domain.image.ImageDownload;

/** A download row with the name of its node, for listings. */
public record StoredDownload(ImageDownload download, String nodeName) {
}
