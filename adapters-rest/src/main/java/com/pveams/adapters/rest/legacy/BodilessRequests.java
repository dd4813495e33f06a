package com.pveams.adapters.rest.legacy;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A request without a body has no media type to refuse. Browsers' HTTP libraries (the admin UI's axios) send
 * {@code PUT power/1/start} or {@code POST disableApi/3} with no body and no {@code Content-Type}; resources declare
 * JSON, so without this the empty request would be refused as an unsupported media type. Requests that carry a body
 * keep their {@code Content-Type} and are judged by it.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 390)
public class BodilessRequests implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (isEmpty(request)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    static boolean isEmpty(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return "0".equals(length.trim());
        }
        return request.getHeaderString("Transfer-Encoding") == null;
    }
}
