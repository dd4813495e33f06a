package com.pveams.adapters.rest.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.RequestIdFilter;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.audit.RecordAuditUseCase;
import com.pveams.domain.audit.AuditEntry;
import com.pveams.domain.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Set;

/**
 * Writes one audit row per mutating call of an audited endpoint: who (admin, API key or anonymous), what
 * (method, path, redacted body), when, and how it ended (HTTP status and envelope code). A failure to write
 * the row is logged and never changes the caller's response.
 */
@Provider
@ApplicationScoped
@Audited
@Priority(Priorities.USER + 1000)
public class AuditFilter implements ContainerResponseFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    private final RecordAuditUseCase audit;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public AuditFilter(RecordAuditUseCase audit, CurrentCaller caller, ObjectMapper mapper, Clock clock) {
        this.audit = audit;
        this.caller = caller;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READ_ONLY.contains(request.getMethod())) {
            return;
        }
        try {
            int code = response.getEntity() instanceof Envelope e ? e.code() : response.getStatus();
            Object started = request.getProperty(RequestIdFilter.STARTED_AT);
            long durationMs = started instanceof Long t ? (System.nanoTime() - t) / 1_000_000 : 0;
            audit.record(new AuditEntry(
                    request.getHeaderString(RequestIdFilter.HEADER),
                    clock.instant(),
                    caller.actorType(),
                    caller.actor(),
                    request.getMethod(),
                    "/" + request.getUriInfo().getPath().replaceFirst("^/", ""),
                    RequestIdFilter.clientAddress(request),
                    response.getStatus(),
                    code,
                    code == ErrorCode.OK.code(),
                    durationMs,
                    detail(request)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not write the audit row of request %s", request.getHeaderString(RequestIdFilter.HEADER));
        }
    }

    private String detail(ContainerRequestContext request) {
        ObjectNode detail = mapper.createObjectNode();
        var query = request.getUriInfo().getQueryParameters();
        if (!query.isEmpty()) {
            detail.set("query", Redactor.query(mapper, query));
        }
        JsonNode body = Redactor.body(mapper, (byte[]) request.getProperty(BodyCapture.PROPERTY));
        if (body != null) {
            detail.set("body", body);
        }
        return detail.isEmpty() ? null : detail.toString();
    }

}
