package com.pveams.domain.image;

import com.pveams.domain.catalog.OsCatalog;
import com.pveams.domain.error.DomainException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an operator says about an image: everything but its identity, status and measured size. Built only through
 * {@link #of}, which validates every field and names the one at fault.
 */
public record ImageSpec(String name, ImageFileName fileName, ImageKind kind, String arch, String osType,
                        DownloadType downloadType, String url, ImageDirectory path, boolean cloudInit,
                        ImageChecksum checksum) {
    private static final Pattern OS_TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    /**
     * @param arch   null means x86_64; arm64 and the legacy misspelling arrch64 mean aarch64
     * @param osType the distro family, required for Linux; Windows images default to {@code windows}
     * @param url    required when {@code downloadType} is {@link DownloadType#URL}
     */
    public static ImageSpec of(String name, String fileName, String type, String arch, String osType,
                               Integer downloadType, String url, String path, boolean cloudInit, ImageChecksum checksum) {
        String n = requireName(name);
        ImageFileName file = new ImageFileName(fileName);
        ImageKind kind = ImageKind.parse(type, "type");
        String a = arch == null || arch.isBlank() ? "x86_64" : OsCatalog.architecture(arch).orElseThrow(() ->
                DomainException.invalid("arch", "必须是 x86_64 或 aarch64", "must be x86_64 or aarch64"));
        String family = osType == null || osType.isBlank() ? null : osType.strip().toLowerCase(Locale.ROOT);
        if (family == null && kind == ImageKind.WINDOWS) {
            family = "windows";
        }
        if (family == null) {
            throw DomainException.invalid("osType", "linux 镜像必须填写", "is required for linux images");
        }
        if (!OS_TYPE.matcher(family).matches()) {
            throw DomainException.invalid("osType", "只能包含小写字母、数字和 ._-，最长 32", "must be 1-32 lower-case letters, digits or ._-");
        }
        DownloadType dt = DownloadType.of(downloadType, "downType");
        String u = url == null || url.isBlank() ? null : ImageUrl.require(url, "url");
        if (dt == DownloadType.URL && u == null) {
            throw DomainException.invalid("url", "downType 为 0 时不能为空", "is required when downType is 0");
        }
        return new ImageSpec(n, file, kind, a, family, dt, u, ImageDirectory.of(path), cloudInit, checksum);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.required("name");
        }
        String n = name.strip();
        if (n.length() > 128 || n.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "最长 128 个字符，不能含控制字符", "must be at most 128 characters without control characters");
        }
        return n;
    }

    /** The PVE ostype of VMs built from this image. */
    public String pveOsType() {
        return PveOsType.of(kind, fileName.value());
    }
}
