package com.pveams.domain.maintenance;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.image.ImageChecksum;
import com.pveams.domain.image.ImageFileName;
import com.pveams.domain.image.ImageUrl;

import java.net.URI;
import java.util.Objects;

/**
 * A file to fetch from a URL into a node's image directory (what the legacy agent's {@code /wget} did, minus the
 * arbitrary target directory): an http(s) URL without credentials, a plain file name inside the image directory,
 * and optionally the digest the file must have. Whether the URL's host may be reached at all is the SSRF policy's
 * decision when the fetch happens.
 *
 * @param checksum the digest the file must have, or {@code null} when none is known
 */
public record NodeFetch(String url, ImageFileName fileName, ImageChecksum checksum) {

    public NodeFetch {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fileName, "fileName");
    }

    /**
     * From request values. Without a file name the URL's last path segment is used, as {@code wget -P} did; when
     * that is not a plain file name the caller must give one.
     */
    public static NodeFetch of(String url, String fileName, String checksumAlgorithm, String checksum) {
        String checked = ImageUrl.require(url, "url");
        ImageFileName name = fileName == null || fileName.isBlank()
                ? new ImageFileName(lastSegment(checked))
                : new ImageFileName(fileName);
        return new NodeFetch(checked, name, ImageChecksum.ofNullable(blankToNull(checksumAlgorithm), blankToNull(checksum)));
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getRawPath();
        String segment = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (segment.isEmpty()) {
            throw DomainException.invalid("fileName", "不能为空：下载地址中没有文件名", "is required: the URL names no file");
        }
        return segment;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
