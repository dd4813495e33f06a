package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an image is downloaded from: http or https, a host, no credentials, no whitespace. Whether the target may be
 * reached at all (private addresses, DNS) is the SSRF policy's decision at download time, not the URL's shape.
 */
public final class ImageUrl {
    public static final int MAX_LENGTH = 2048;

    private ImageUrl() {
    }

    public static String require(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.required(field);
        }
        String url = raw.strip();
        if (url.length() > MAX_LENGTH || url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid(field);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw invalid(field);
            }
            url = scheme + url.substring(scheme.length()); // the schema (and PVE) want the scheme in lower case
        } catch (URISyntaxException e) {
            throw invalid(field);
        }
        return url;
    }

    private static DomainException invalid(String field) {
        return DomainException.invalid(field, "必须是不含账号密码的 http(s) 地址", "must be an http(s) URL without credentials");
    }
}
