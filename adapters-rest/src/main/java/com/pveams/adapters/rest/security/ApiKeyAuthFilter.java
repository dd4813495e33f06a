package com.pveams.adapters.rest.security;

import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.Language;
import com.pveams.adapters.rest.legacy.LegacyResponses;
import com.pveams.application.port.in.access.AuthenticateApiKeyUseCase;
import com.pveams.application.port.in.access.AuthenticateApiKeyUseCase.ApiClient;
import com.pveams.domain.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Public API: {@code Authorization: Basic base64(appid:appkey)}. A missing header is answered 401 with a
 * challenge, as the legacy server did; every other failure is HTTP 200 with code 501002 (clients read the code).
 */
@Provider
@ApplicationScoped
@ApiKeyAuth
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {
    static final String CHALLENGE = "Basic realm=\"input AppId and AppKey\"";

    private final AuthenticateApiKeyUseCase keys;
    private final CurrentCaller caller;

    @Inject
    public ApiKeyAuthFilter(AuthenticateApiKeyUseCase keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        boolean en = Language.prefersEnglish(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Envelope.of(ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED.message(en)))
                    .build());
            return;
        }
        Optional<ApiClient> client = credentials(header).flatMap(c -> keys.authenticate(c[0], c[1]));
        if (client.isEmpty()) {
            request.abortWith(LegacyResponses.failure(ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED.message(en)));
            return;
        }
        caller.apiClient(client.get());
    }

    /** {appid, appkey} from a well-formed Basic header; empty for anything else. */
    static Optional<String[]> credentials(String header) {
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Basic ", 0, 6) || h.length() > 1024) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badBase64) {
            return Optional.empty();
        }
        // control characters (U+0000 above all, which the database refuses) never belong to an appid or appkey
        if (decoded.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)});
    }
}
