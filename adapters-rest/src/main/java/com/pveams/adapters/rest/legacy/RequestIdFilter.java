package com.pveams.adapters.rest.legacy;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id}: a sane id from the caller (e.g. a proxy) is kept,
 * otherwise 32 random hex characters like the legacy server's. Also notes when the request started and the
 * client's address, for the audit log.
 */
public class RequestIdFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String STARTED_AT = "ams.startedAtNanos";
    public static final String CLIENT_ADDRESS = "ams.clientAddress";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ServerRequestFilter(preMatching = true, priority = 100)
    public void assignId(ContainerRequestContext request, HttpServerRequest http) {
        String given = request.getHeaderString(HEADER);
        String id = requestId(given);
        if (!id.equals(given)) {
            request.getHeaders().putSingle(HEADER, id);
        }
        request.setProperty(STARTED_AT, System.nanoTime());
        // The socket peer; X-Forwarded-For is only honoured when Quarkus' proxy support is switched on.
        if (http != null && http.remoteAddress() != null) {
            request.setProperty(CLIENT_ADDRESS, http.remoteAddress().hostAddress());
        }
        MDC.put("requestId", id);
    }

    @ServerResponseFilter
    public void echoId(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, request.getHeaderString(HEADER));
        MDC.remove("requestId");
    }

    /** The caller's id when it is sane, otherwise a fresh one. */
    public static String requestId(String given) {
        if (given != null && SANE.matcher(given).matches()) {
            return given;
        }
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String clientAddress(ContainerRequestContext request) {
        Object a = request.getProperty(CLIENT_ADDRESS);
        return a == null ? null : a.toString();
    }
}
