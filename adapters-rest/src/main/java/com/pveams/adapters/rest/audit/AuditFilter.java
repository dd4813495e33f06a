package com.pveams.adapters.rest.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pveams.adapters.rest.legacy.Envelope;
import com.pveams.adapters.rest.legacy.RequestIdFilter;
import com.pveams.adapters.rest.security.CurrentCaller;
import com.pveams.application.port.in.audit.RecordAuditUseCase;
import com.pveams.domain.audit.AuditEntry;
import com.pveams.domain.audit.AuditEntry.LogType;
import com.pveams.domain.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Set;

/**
 * Writes one audit row per mutating call of an audited endpoint: who (admin, API key or anonymous), what
 * (method, path, redacted query and body), when, and how it ended (HTTP status, envelope code, redacted response).
 * A failure to write the row never changes the caller's response; it is logged at ERROR with the request id and
 * counted in {@code ams_audit_write_failures_total}, so a lost row is never silent.
 */
@Provider
@ApplicationScoped
@Audited
@Priority(Priorities.USER + 1000)
public class AuditFilter implements ContainerResponseFilter {
    static final String WRITE_FAILURES = "ams.audit.write.failures";
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    private final RecordAuditUseCase audit;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Counter writeFailures;

    @Inject
    public AuditFilter(RecordAuditUseCase audit, CurrentCaller caller, ObjectMapper mapper, Clock clock,
                       MeterRegistry meters) {
        this.audit = audit;
        this.caller = caller;
        this.mapper = mapper;
        this.clock = clock;
        this.writeFailures = Counter.builder(WRITE_FAILURES)
                .description("Audit rows that could not be written (each one is also logged at ERROR)")
                .register(meters);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READ_ONLY.contains(request.getMethod())) {
            return;
        }
        String requestId = request.getHeaderString(RequestIdFilter.HEADER);
        try {
            int code = response.getEntity() instanceof Envelope e ? e.code() : response.getStatus();
            Object started = request.getProperty(RequestIdFilter.STARTED_AT);
            long durationMs = started instanceof Long t ? (System.nanoTime() - t) / 1_000_000 : 0;
            String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
            LogType type = LogType.ofPath(path);
            audit.record(new AuditEntry(
                    requestId,
                    clock.instant(),
                    type,
                    caller.actorType(),
                    caller.actor(),
                    request.getMethod(),
                    path,
                    RequestIdFilter.clientAddress(request),
                    request.getHeaderString(HttpHeaders.USER_AGENT),
                    response.getStatus(),
                    code,
                    code == ErrorCode.OK.code(),
                    durationMs,
                    detail(request),
                    // a login's answer is the admin token: never kept, even masked
                    type == LogType.LOGIN ? null : responseBody(response)));
        } catch (RuntimeException e) {
            writeFailures.increment();
            LOG.error("Audit row lost: could not write the audit row of request " + requestId, e);
        }
    }

    private String responseBody(ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity == null) {
            return null;
        }
        try {
            return Redactor.redact(mapper.valueToTree(entity)).toString();
        } catch (IllegalArgumentException notJson) {
            return "(" + entity.getClass().getSimpleName() + ", not JSON)";
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
