package com.pveams.adapters.rest.security;

import com.pveams.adapters.rest.config.AdminConfig;
import jakarta.ws.rs.core.UriInfo;

/** Whether a request's first path segment is the configured admin path. */
public final class AdminPath {
    private AdminPath() {
    }

    public static boolean matches(UriInfo uri, AdminConfig config) {
        var segments = uri.getPathSegments();
        return !segments.isEmpty() && config.path().equals(segments.get(0).getPath());
    }
}
