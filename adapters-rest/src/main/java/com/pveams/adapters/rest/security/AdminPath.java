package com.pveams.adapters.rest.security;

import com.pveams.adapters.rest.config.AdminConfig;
import jakarta.ws.rs.core.UriInfo;

/** Whether a request's first path segment is the configured admin path. */
public final class AdminPath {
    private AdminPath() {
    }

    public static boolean matches(UriInfo uri, AdminConfig config) {
        // the decoded path, split by hand: getPathSegments() decodes it once more and throws on a literal '%'
        String path = uri.getPath();
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        return config.path().equals(end < 0 ? path.substring(start) : path.substring(start, end));
    }
}
