package com.pveams.adapters.rest.legacy;

import com.pveams.domain.error.ErrorCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds envelope responses. Business failures travel as HTTP 200: clients read {@code code}, not the status. */
public final class LegacyResponses {
    private LegacyResponses() {
    }

    public static Response failure(ErrorCode code, String message) {
        return failure(Response.Status.OK, code, message);
    }

    public static Response failure(Response.Status status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Envelope.of(code, message)).build();
    }

    public static boolean english(HttpHeaders headers) {
        return headers != null && Language.prefersEnglish(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
