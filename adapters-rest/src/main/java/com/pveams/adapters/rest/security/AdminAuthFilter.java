package com.pveams.adapters.rest.security;

import com.pveams.adapters.rest.config.AdminConfig;
import com.pveams.adapters.rest.legacy.Language;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.application.port.in.access.AdminIdentity;
import com.pveams.application.port.in.access.AdminSessionQuery;
import com.pveams.domain.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * Admin endpoints: the raw JWT in {@code Authorization} (legacy clients send no scheme; {@code Bearer} is also
 * accepted). The token is checked before the path segment, as in the legacy server, so a caller without a valid
 * token cannot probe for the admin path.
 */
@Provider
@ApplicationScoped
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {
    private final AdminTokens tokens;
    private final AdminSessionQuery sessions;
    private final AdminConfig config;
    private final CurrentCaller caller;

    @Inject
    public AdminAuthFilter(AdminTokens tokens, AdminSessionQuery sessions, AdminConfig config, CurrentCaller caller) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.config = config;
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        boolean en = Language.prefersEnglish(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Optional<AdminIdentity> admin = tokens.verify(rawToken(request.getHeaderString(HttpHeaders.AUTHORIZATION)))
                .flatMap(s -> sessions.resolve(s.adminId(), s.credentialVersion()));
        if (admin.isEmpty()) {
            request.abortWith(LegacyResponses.failure(ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED.message(en)));
            return;
        }
        caller.admin(admin.get());
        if (!AdminPath.matches(request.getUriInfo(), config)) {
            request.abortWith(LegacyResponses.failure(ErrorCode.NOT_PERMISSION, ErrorCode.NOT_PERMISSION.message(en)));
        }
    }

    static String rawToken(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            h = h.substring(7).trim();
        }
        return h;
    }
}
